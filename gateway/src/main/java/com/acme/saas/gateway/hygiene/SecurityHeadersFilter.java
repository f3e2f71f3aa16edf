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

  private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
  // /docs is Swagger UI: its scripts, styles and images from the gateway itself, the document fetched from it.
  private static final String DOCS_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    exchange.getResponse().beforeCommit(() -> {
      HttpHeaders headers = exchange.getResponse().getHeaders();
      String path = exchange.getRequest().getPath().value();
      headers.set("Content-Security-Policy", path.equals("/docs") || path.startsWith("/docs/") ? DOCS_POLICY : API_POLICY);
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("X-Frame-Options", "DENY");
      headers.set("Referrer-Policy", "no-referrer");
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      return Mono.empty();
    });
    return chain.filter(exchange);
  }
}
