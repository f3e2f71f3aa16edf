package com.acme.saas.gateway.ratelimit;

import com.acme.saas.common.security.RequestPattern;
import com.acme.saas.gateway.ratelimit.RateLimitProperties.Policy;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The configured policies, each with what every request under it needs worked out once: its request
 * pattern, its Redis key prefix, its {@code RateLimit-Policy} header and its limiter. The first
 * policy whose pattern matches a request counts it; the default policy counts the rest.
 */
@Component
final class RateLimitPolicies {

  /** A policy ready to count requests. */
  record Limit(
      Policy policy,
      RequestPattern pattern,
      String keyPrefix,
      String policyHeader,
      RateLimiter limiter) {

    /** The Redis key under which this policy counts the subject's requests. */
    String keyOf(String subject) {
      return keyPrefix + subject;
    }
  }

  private final Limit defaultLimit;
  private final List<Limit> limits;

  RateLimitPolicies(RateLimitProperties properties, SlidingWindowCounter counter) {
    this.defaultLimit = limit(properties, counter, properties.defaultPolicy(), "/**");
    this.limits =
        properties.policies().stream()
            .map(
                policy ->
                    limit(
                        properties,
                        counter,
                        policy,
                        policy.request() == null ? "/**" : policy.request()))
            .toList();
  }

  Limit of(ServerHttpRequest request) {
    for (Limit limit : limits) {
      if (limit.pattern().matches(request.getMethod(), request.getPath().pathWithinApplication())) {
        return limit;
      }
    }
    return defaultLimit;
  }

  private static Limit limit(
      RateLimitProperties properties, SlidingWindowCounter counter, Policy policy, String request) {
    String header =
        "\"" + policy.name() + "\";q=" + policy.limit() + ";w=" + policy.window().toSeconds();
    RateLimiter limiter =
        policy.batch() > 1
            ? new LocalPermits(counter, policy, properties.localKeys())
            : new ExactLimiter(counter, policy);
    // "sw:" keeps these hashes apart from the plain counters of the fixed windows that came before.
    String keyPrefix = properties.keyPrefix() + "sw:" + policy.name() + ":";
    return new Limit(policy, RequestPattern.parse(request), keyPrefix, header, limiter);
  }
}
