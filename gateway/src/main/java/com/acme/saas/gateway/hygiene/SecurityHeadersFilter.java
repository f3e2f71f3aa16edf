package com.acme.saas.gateway.hygiene;

import com.acme.saas.gateway.FilterOrder;
import java.util.Map;
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
@Order(FilterOrder.SECURITY_HEADERS)
final class SecurityHeadersFilter implements WebFilter {

  /**
   * The contract's headers, also written by {@link RequestTargetGuard} for what never reaches a
   * filter.
   */
  static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "Strict-Transport-Security", "max-age=31536000; includeSubDomains");

  // /docs is Swagger UI: its scripts, styles and images from the gateway itself, the document
  // fetched from it.
  private static final String DOCS_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              HttpHeaders headers = exchange.getResponse().getHeaders();
              HEADERS.forEach(headers::set);
              String path = exchange.getRequest().getPath().value();
              if (path.equals("/docs") || path.startsWith("/docs/")) {
                headers.set("Content-Security-Policy", DOCS_POLICY);
              }
              return Mono.empty();
            });
    return chain.filter(exchange);
  }
}
