package com.acme.saas.gateway.hygiene;

import com.acme.saas.common.observability.RequestIds;
import com.acme.saas.gateway.FilterOrder;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the client's {@code X-Request-Id} when it is sane, otherwise makes one; passes it to the
 * service, echoes it to the client, and keeps it as an exchange attribute for logs and errors.
 */
@Component
@Order(FilterOrder.REQUEST_ID)
final class RequestIdFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String sent = exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
    String id = RequestIds.keepOrGenerate(sent);
    exchange.getAttributes().put(RequestIds.MDC_KEY, id);
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
              return Mono.empty();
            });
    if (id.equals(sent)) {
      return chain.filter(exchange);
    }
    ServerHttpRequest request =
        exchange
            .getRequest()
            .mutate()
            .headers(headers -> headers.set(RequestIds.HEADER, id))
            .build();
    return chain.filter(exchange.mutate().request(request).build());
  }
}
