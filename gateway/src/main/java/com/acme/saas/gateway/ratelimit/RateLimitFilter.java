package com.acme.saas.gateway.ratelimit;

import com.acme.saas.common.security.RequestPattern;
import com.acme.saas.common.security.VerifiedToken;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.gateway.auth.Caller;
import com.acme.saas.gateway.hygiene.ClientAddress;
import com.acme.saas.gateway.ratelimit.RateLimitProperties.Key;
import com.acme.saas.gateway.ratelimit.RateLimitProperties.Policy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Counts each routed request against the first policy that names it (per IP or per user) and
 * refuses it with 429 once its limit is used up within a sliding window ({@link
 * SlidingWindowCounter}). Every counted response carries the IETF draft {@code RateLimit-Policy}
 * and {@code RateLimit} headers. Without Redis, requests pass (unless their policy is configured to
 * fail closed), counted in a metric.
 */
@Component
final class RateLimitFilter implements GlobalFilter, Ordered {

  /** After authentication, which tells whose request it is. */
  static final int ORDER = -200;

  private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

  /** A policy with what every request under it needs, worked out once. */
  private record Limit(
      Policy policy,
      RequestPattern pattern,
      String keyPrefix,
      String policyHeader,
      @Nullable LocalPermits permits) {}

  private final RateLimitProperties properties;
  private final SlidingWindowCounter counter;
  private final ClientAddress clientAddress;
  private final Counter redisFailures;
  private final Limit defaultLimit;
  private final List<Limit> limits;
  private final AtomicLong nextFailureLog = new AtomicLong();

  RateLimitFilter(
      RateLimitProperties properties,
      SlidingWindowCounter counter,
      ClientAddress clientAddress,
      MeterRegistry meters) {
    this.properties = properties;
    this.counter = counter;
    this.clientAddress = clientAddress;
    this.redisFailures =
        Counter.builder("gateway.ratelimit.redis.failures")
            .description("Requests whose rate limit could not be checked because Redis failed")
            .register(meters);
    this.defaultLimit = limit(properties.defaultPolicy(), "/**");
    this.limits =
        properties.policies().stream()
            .map(policy -> limit(policy, policy.request() == null ? "/**" : policy.request()))
            .toList();
  }

  private Limit limit(Policy policy, String request) {
    String header =
        "\"" + policy.name() + "\";q=" + policy.limit() + ";w=" + policy.window().toSeconds();
    LocalPermits permits =
        policy.batch() > 1 ? new LocalPermits(counter, policy, properties.localKeys()) : null;
    // "sw:" keeps these hashes apart from the plain counters of the fixed windows that came before.
    String keyPrefix = properties.keyPrefix() + "sw:" + policy.name() + ":";
    return new Limit(policy, RequestPattern.parse(request), keyPrefix, header, permits);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (!properties.enabled()) {
      return chain.filter(exchange);
    }
    Limit limit = limitOf(exchange.getRequest());
    Policy policy = limit.policy();
    String key = limit.keyPrefix() + subject(exchange, policy.key());
    LocalPermits permits = limit.permits();
    if (permits != null) {
      // Most requests of a batched policy are decided here, without Redis and without a timer.
      Decision local = permits.tryTake(key);
      if (local != null) {
        return apply(exchange, chain, limit, local);
      }
    }
    Mono<Decision> decision =
        permits != null
            ? permits.take(key)
            : counter.count(key, policy.limit(), policy.window(), 1).map(Decision::of);
    Executor requestLoop = eventLoopOf(exchange);
    return decision
        .timeout(properties.redisTimeout())
        .map(Optional::of)
        .onErrorResume(error -> redisFailed(policy, error))
        .flatMap(outcome -> backOn(requestLoop, outcome))
        .flatMap(
            outcome ->
                outcome.isPresent()
                    ? apply(exchange, chain, limit, outcome.get())
                    : chain.filter(exchange));
  }

  /**
   * Redis answers on Lettuce's single event-loop thread; left there, the rest of every request's
   * way (proxying included) would run on that one thread for all connections. This hands each
   * request back to the event loop of its own connection.
   */
  private static <T> Mono<T> backOn(@Nullable Executor requestLoop, T value) {
    if (requestLoop == null || (requestLoop instanceof EventLoop loop && loop.inEventLoop())) {
      return Mono.just(value);
    }
    return Mono.create(sink -> requestLoop.execute(() -> sink.success(value)));
  }

  private static @Nullable Executor eventLoopOf(ServerWebExchange exchange) {
    Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
    return request instanceof Connection connection ? connection.channel().eventLoop() : null;
  }

  private Mono<Void> apply(
      ServerWebExchange exchange, GatewayFilterChain chain, Limit limit, Decision decision) {
    long remaining = Math.max(0, decision.remaining());
    long resetSeconds = Math.max(1, (decision.millisUntilReset() + 999) / 1000);
    HttpHeaders headers = exchange.getResponse().getHeaders();
    headers.set("RateLimit-Policy", limit.policyHeader());
    headers.set(
        "RateLimit", "\"" + limit.policy().name() + "\";r=" + remaining + ";t=" + resetSeconds);
    if (!decision.allowed()) {
      return Mono.error(
          new ApiException(
              ErrorCode.RATE_LIMIT_EXCEEDED,
              "Too many requests, try again later",
              Duration.ofSeconds(resetSeconds)));
    }
    return chain.filter(exchange);
  }

  private Mono<Optional<Decision>> redisFailed(Policy policy, Throwable error) {
    redisFailures.increment();
    long now = System.nanoTime();
    long next = nextFailureLog.get();
    if (now - next >= 0
        && nextFailureLog.compareAndSet(next, now + properties.failureLogInterval().toNanos())) {
      log.warn(
          "ratelimit.redis.unavailable policy={} failClosed={} error={}",
          policy.name(),
          properties.failClosed().contains(policy.name()),
          error.toString());
    }
    if (properties.failClosed().contains(policy.name())) {
      return Mono.error(
          new ApiException(
              ErrorCode.SERVICE_UNAVAILABLE,
              "Service is unavailable, try again later",
              properties.failureLogInterval()));
    }
    return Mono.just(Optional.empty());
  }

  private Limit limitOf(ServerHttpRequest request) {
    for (Limit limit : limits) {
      if (limit.pattern().matches(request.getMethod(), request.getPath().pathWithinApplication())) {
        return limit;
      }
    }
    return defaultLimit;
  }

  private String subject(ServerWebExchange exchange, Key key) {
    VerifiedToken caller = Caller.of(exchange);
    if (key == Key.USER && caller != null) {
      return "user:" + caller.userId();
    }
    return "ip:" + clientAddress.of(exchange);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
