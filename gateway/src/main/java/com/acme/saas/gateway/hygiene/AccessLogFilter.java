package com.acme.saas.gateway.hygiene;

import com.acme.saas.common.observability.RequestIds;
import com.acme.saas.common.security.VerifiedToken;
import com.acme.saas.gateway.FilterOrder;
import com.acme.saas.gateway.auth.Caller;
import com.acme.saas.gateway.errors.EnvelopeErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One JSON log event per request (method, path, status, duration, user id, request id; never the
 * token or the query). Errors are answered here, by the envelope handler, so their status is logged
 * too.
 */
@Component
@Order(FilterOrder.ACCESS_LOG)
final class AccessLogFilter implements WebFilter {

  private static final Logger log = LoggerFactory.getLogger("gateway.access");

  private final EnvelopeErrorHandler errors;

  AccessLogFilter(EnvelopeErrorHandler errors) {
    this.errors = errors;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!log.isInfoEnabled()) {
      return chain.filter(exchange);
    }
    long start = System.nanoTime();
    return chain
        .filter(exchange)
        .onErrorResume(error -> errors.handle(exchange, error))
        .doFinally(signal -> log(exchange, (System.nanoTime() - start) / 1_000_000));
  }

  private static void log(ServerWebExchange exchange, long durationMs) {
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    VerifiedToken caller = Caller.of(exchange);
    String method = exchange.getRequest().getMethod().name();
    String path = exchange.getRequest().getPath().value();
    int code = status == null ? 200 : status.value();
    String userId = caller == null ? "" : caller.userId().toString();
    String requestId = exchange.getAttributeOrDefault(RequestIds.MDC_KEY, "");
    log.atInfo()
        .addKeyValue("method", method)
        .addKeyValue("path", path)
        .addKeyValue("status", code)
        .addKeyValue("durationMs", durationMs)
        .addKeyValue("userId", userId)
        .addKeyValue(RequestIds.MDC_KEY, requestId)
        .log(
            "http.access method={} path={} status={} durationMs={} userId={} requestId={}",
            method,
            path,
            code,
            durationMs,
            userId,
            requestId);
  }
}
