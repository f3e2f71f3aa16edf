package com.acme.saas.gateway.errors;

import com.acme.saas.common.observability.RequestIds;
import com.acme.saas.common.security.TokenRejectedException;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.common.web.ErrorResponse;
import com.acme.saas.gateway.FilterOrder;
import com.acme.saas.gateway.resilience.ResilienceProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error the gateway raises itself (no route, token, role, rate limit, body size, a
 * down or slow service) with the error envelope. Runs before Spring Boot's own handler.
 */
@Component
@Order(FilterOrder.ERROR_HANDLER)
public final class EnvelopeErrorHandler implements ErrorWebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(EnvelopeErrorHandler.class);

  private final JsonMapper json;
  private final Duration unavailableRetryAfter;

  EnvelopeErrorHandler(JsonMapper json, ResilienceProperties resilience) {
    this.json = json;
    this.unavailableRetryAfter = resilience.retryAfter();
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.error(error);
    }
    Failure failure = classify(error);
    if (failure.code() == ErrorCode.INTERNAL_ERROR) {
      log.error("gateway.error path={}", exchange.getRequest().getPath().value(), error);
    }
    String requestId = exchange.getAttribute(RequestIds.MDC_KEY);
    byte[] body =
        json.writeValueAsBytes(
            ErrorResponse.of(failure.code(), failure.message(), null, requestId));
    response.setStatusCode(failure.code().status());
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setContentLength(body.length);
    if (failure.retryAfter() != null) {
      headers.set(
          HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, failure.retryAfter().toSeconds())));
    }
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  private Failure classify(Throwable error) {
    return switch (error) {
      case ApiException e -> new Failure(e.code(), e.getMessage(), e.retryAfter());
      case TokenRejectedException e -> new Failure(e.code(), e.getMessage(), null);
      case CallNotPermittedException e -> unavailable();
      case ServiceUnavailableException e -> unavailable();
      case TimeoutException e -> timeout();
      case DataBufferLimitException e ->
          new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large", null);
      case ResponseStatusException e -> byStatus(e.getStatusCode().value());
      case IOException e -> unavailable();
      default -> error.getCause() instanceof IOException ? unavailable() : internal();
    };
  }

  private Failure byStatus(int status) {
    return switch (status) {
      case 400 -> new Failure(ErrorCode.VALIDATION_ERROR, "Request is malformed", null);
      case 404 -> new Failure(ErrorCode.RESOURCE_NOT_FOUND, "No such resource", null);
      case 405 -> new Failure(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed", null);
      case 413 -> new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large", null);
      case 415 -> new Failure(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", null);
      case 502, 503 -> unavailable();
      case 504 -> timeout();
      default -> internal();
    };
  }

  private Failure unavailable() {
    return new Failure(
        ErrorCode.SERVICE_UNAVAILABLE,
        "Service is unavailable, try again later",
        unavailableRetryAfter);
  }

  private static Failure timeout() {
    return new Failure(ErrorCode.GATEWAY_TIMEOUT, "Service did not answer in time", null);
  }

  private static Failure internal() {
    return new Failure(ErrorCode.INTERNAL_ERROR, "Unexpected error", null);
  }

  private record Failure(ErrorCode code, String message, @Nullable Duration retryAfter) {}
}
