package com.acme.saas.gateway;

import org.springframework.core.Ordered;

/**
 * The order of everything the gateway does to a request, in one place; the table in
 * gateway/README.md lists the same steps in the same order. (The request-target guard runs before
 * all of them, as a Netty handler, and the route's {@code Retry} filter after them, around the
 * proxying.)
 */
public final class FilterOrder {

  // Web filters: every request, routed or not (health, the OpenAPI document, errors).

  /** First: every later step, and every error, logs and answers with the request id. */
  public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;

  /** Before anything can answer, so that every response, errors included, carries them. */
  public static final int SECURITY_HEADERS = REQUEST_ID + 1;

  /** Around the rest, so that the logged status and duration are what the client saw. */
  public static final int ACCESS_LOG = REQUEST_ID + 2;

  public static final int BODY_LIMIT = REQUEST_ID + 3;

  // Global filters: routed requests only, in Spring Cloud Gateway's filter chain.

  /** Who is calling, and may they: the rate limit counts per user, so it needs the caller. */
  public static final int AUTHENTICATION = -300;

  public static final int RATE_LIMIT = -200;

  /** Last before the proxying, so that a refused request never counts against a service. */
  public static final int CIRCUIT_BREAKER = -100;

  /** Before Spring Boot's default error handler (-1), so that every error is in the envelope. */
  public static final int ERROR_HANDLER = -2;

  private FilterOrder() {}
}
