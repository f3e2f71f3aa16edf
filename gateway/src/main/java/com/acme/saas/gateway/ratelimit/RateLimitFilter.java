package com.acme.saas.gateway.ratelimit;

import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.gateway.FilterOrder;
import com.acme.saas.gateway.ratelimit.RateLimitPolicies.Limit;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Ties the rate limiting together, in the shape of Spring Cloud Gateway's {@code
 * RequestRateLimiterGatewayFilterFactory}: the request's policy ({@link RateLimitPolicies}), whose
 * request it is ({@link SubjectResolver}), the policy's limiter's decision ({@link RateLimiter}),
 * then the IETF draft {@code RateLimit-Policy} and {@code RateLimit} headers on the response and
 * 429 with {@code Retry-After} once the limit is used up. When Redis cannot decide, {@link
 * RedisFailures} says what happens.
 */
@Component
final class RateLimitFilter implements GlobalFilter, Ordered {

  private final RateLimitProperties properties;
  private final RateLimitPolicies policies;
  private final SubjectResolver subjects;
  private final RedisFailures redisFailures;

  RateLimitFilter(
      RateLimitProperties properties,
      RateLimitPolicies policies,
      SubjectResolver subjects,
      RedisFailures redisFailures) {
    this.properties = properties;
    this.policies = policies;
    this.subjects = subjects;
    this.redisFailures = redisFailures;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (!properties.enabled()) {
      return chain.filter(exchange);
    }
    Limit limit = policies.of(exchange.getRequest());
    String key = limit.keyOf(subjects.subjectOf(exchange, limit.policy().key()));
    // Most requests of a batched policy are decided here, without Redis and without a timer.
    Decision now = limit.limiter().tryDecideNow(key);
    if (now != null) {
      return apply(exchange, chain, limit, now);
    }
    Executor requestLoop = eventLoopOf(exchange);
    return limit
        .limiter()
        .decide(key)
        .timeout(properties.redisTimeout())
        .map(Optional::of)
        .onErrorResume(error -> redisFailures.onFailure(limit.policy(), error))
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

  private static Mono<Void> apply(
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

  @Override
  public int getOrder() {
    return FilterOrder.RATE_LIMIT;
  }
}
