package com.acme.saas.gateway.ratelimit;

import com.acme.saas.gateway.ratelimit.RateLimitProperties.Policy;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Counts every request in Redis, one script call each: for the per-IP policies, whose limits are
 * small (10 logins in 15 minutes) and must hold exactly across replicas.
 */
final class ExactLimiter implements RateLimiter {

  private final SlidingWindowCounter counter;
  private final Policy policy;

  ExactLimiter(SlidingWindowCounter counter, Policy policy) {
    this.counter = counter;
    this.policy = policy;
  }

  @Override
  public @Nullable Decision tryDecideNow(String key) {
    return null;
  }

  @Override
  public Mono<Decision> decide(String key) {
    return counter.count(key, policy.limit(), policy.window(), 1).map(Decision::of);
  }
}
