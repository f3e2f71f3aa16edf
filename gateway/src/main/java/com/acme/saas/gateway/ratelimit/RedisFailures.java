package com.acme.saas.gateway.ratelimit;

import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.gateway.ratelimit.RateLimitProperties.Policy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a request gets when Redis cannot decide (down, or slower than {@code redis-timeout}): it
 * passes, counted in {@code gateway.ratelimit.redis.failures} and logged at most once per {@code
 * failure-log-interval}; under a policy named in {@code fail-closed} it is refused with 503 and
 * {@code Retry-After} instead.
 */
@Component
final class RedisFailures {

  private static final Logger log = LoggerFactory.getLogger(RedisFailures.class);

  private final RateLimitProperties properties;
  private final Counter failures;
  private final AtomicLong nextLog = new AtomicLong();

  RedisFailures(RateLimitProperties properties, MeterRegistry meters) {
    this.properties = properties;
    this.failures =
        Counter.builder("gateway.ratelimit.redis.failures")
            .description("Requests whose rate limit could not be checked because Redis failed")
            .register(meters);
  }

  /** Empty: the request passes unchecked; an error: it is refused. */
  Mono<Optional<Decision>> onFailure(Policy policy, Throwable error) {
    failures.increment();
    boolean failClosed = properties.failClosed().contains(policy.name());
    long now = System.nanoTime();
    long next = nextLog.get();
    if (now - next >= 0
        && nextLog.compareAndSet(next, now + properties.failureLogInterval().toNanos())) {
      log.warn(
          "ratelimit.redis.unavailable policy={} failClosed={} error={}",
          policy.name(),
          failClosed,
          error.toString());
    }
    if (failClosed) {
      return Mono.error(
          new ApiException(
              ErrorCode.SERVICE_UNAVAILABLE,
              "Service is unavailable, try again later",
              properties.failureLogInterval()));
    }
    return Mono.just(Optional.empty());
  }
}
