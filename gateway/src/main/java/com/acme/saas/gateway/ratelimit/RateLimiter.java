package com.acme.saas.gateway.ratelimit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Decides whether one more request of a subject may pass under one policy: the role of Spring Cloud
 * Gateway's {@code RateLimiter}. {@link ExactLimiter} counts every request in Redis; {@link
 * LocalPermits} hands out permits it reserved there in batches.
 */
interface RateLimiter {

  /** A decision made in this replica alone, or null when Redis must be asked. */
  @Nullable Decision tryDecideNow(String key);

  /** The decision, asking Redis if need be; fails when Redis does. */
  Mono<Decision> decide(String key);
}
