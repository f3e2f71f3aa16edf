package com.acme.saas.gateway.auth;

import com.acme.saas.common.security.VerifiedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/** The verified caller of an exchange, for rate limits and the access log. */
public final class Caller {

  private static final String ATTRIBUTE = Caller.class.getName();

  private Caller() {}

  static void set(ServerWebExchange exchange, VerifiedToken token) {
    exchange.getAttributes().put(ATTRIBUTE, token);
  }

  /** The verified token of the request, or null on a public route. */
  public static @Nullable VerifiedToken of(ServerWebExchange exchange) {
    return exchange.getAttribute(ATTRIBUTE);
  }
}
