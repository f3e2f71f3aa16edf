package com.acme.saas.gateway.hygiene;

import java.util.Map;
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

  /** The contract's headers, also written by {@link RequestTargetGuard} for what never reaches a filter. */
  static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "Strict-Transport-Security", "max-age=31536000; includeSubDomains");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    exchange.getResponse().beforeCommit(() -> {
      HttpHeaders headers = exchange.getResponse().getHeaders();
      HEADERS.forEach(headers::set);
      return Mono.empty();
    });
    return chain.filter(exchange);
  }
}
