package com.acme.saas.gateway.hygiene;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The contract's security headers on every response, errors and 404s included; they replace
 * whatever a service sent, so no service can weaken them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
final class SecurityHeadersFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    exchange.getResponse().beforeCommit(() -> {
      HttpHeaders headers = exchange.getResponse().getHeaders();
      headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("X-Frame-Options", "DENY");
      headers.set("Referrer-Policy", "no-referrer");
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      return Mono.empty();
    });
    return chain.filter(exchange);
  }
}
