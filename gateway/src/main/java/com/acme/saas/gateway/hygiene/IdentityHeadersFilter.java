package com.acme.saas.gateway.hygiene;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops every client-sent {@code X-User-*} header before a request leaves the gateway: identity
 * comes from the verified token, never from headers a client can forge.
 */
@Component
final class IdentityHeadersFilter implements HttpHeadersFilter {

  private static final String PREFIX = "x-user-";

  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    boolean present =
        input.headerNames().stream().anyMatch(IdentityHeadersFilter::isIdentityHeader);
    if (!present) {
      return input;
    }
    HttpHeaders filtered = new HttpHeaders();
    input.forEach(
        (name, values) -> {
          if (!isIdentityHeader(name)) {
            filtered.addAll(name, values);
          }
        });
    return filtered;
  }

  private static boolean isIdentityHeader(String name) {
    return name.length() > PREFIX.length()
        && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  @Override
  public boolean supports(Type type) {
    return type == Type.REQUEST;
  }
}
