package com.acme.saas.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits ({@code saas.gateway.rate-limit.*}), counted in Redis so every replica shares them.
 *
 * @param enabled whether requests are limited at all
 * @param keyPrefix prefix of the Redis keys
 * @param redisTimeout how long a request waits for Redis before the limit is skipped
 * @param failureLogInterval a Redis outage is logged at most this often
 * @param failClosed names of the policies that refuse requests (503) while Redis is unreachable
 * @param localKeys per batched policy, how many keys' reserved permits a replica keeps at most
 * @param defaultPolicy the limit of every request no other policy names
 * @param policies the first policy whose request pattern matches applies
 */
@Validated
@ConfigurationProperties("saas.gateway.rate-limit")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("rl:") @NotBlank String keyPrefix,
    @DefaultValue("250ms") Duration redisTimeout,
    @DefaultValue("1m") Duration failureLogInterval,
    @DefaultValue Set<String> failClosed,
    @DefaultValue("100000") @Min(1) long localKeys,
    @Valid @NotNull Policy defaultPolicy,
    @DefaultValue List<@Valid Policy> policies) {

  /** Whose requests a policy counts together. */
  public enum Key {
    /** The client's IP address. */
    IP,
    /** The caller's user id (its IP address on public routes). */
    USER
  }

  /**
   * @param name shown in the {@code RateLimit-Policy} header and part of the Redis key
   * @param request the requests it applies to ({@code "POST /api/v1/auth/login"}); none for the
   *     default
   * @param limit requests allowed per window
   * @param window the counting window
   * @param key whose requests are counted together
   * @param batch requests reserved in Redis at a time and handed out by the replica itself ({@link
   *     LocalPermits}); 1 counts every request in Redis, exactly
   */
  public record Policy(
      @NotBlank String name,
      @Nullable String request,
      @Min(1) long limit,
      @NotNull Duration window,
      @DefaultValue("USER") Key key,
      @DefaultValue("1") @Min(1) int batch) {}
}
