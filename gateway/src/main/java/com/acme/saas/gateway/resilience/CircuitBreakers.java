package com.acme.saas.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.channel.AbortedException;

/** One circuit breaker per route id, all configured from {@link ResilienceProperties}. */
@Configuration(proxyBeanMethods = false)
class CircuitBreakers {

  @Bean
  CircuitBreakerRegistry circuitBreakerRegistry(ResilienceProperties properties) {
    return CircuitBreakerRegistry.of(
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(properties.windowSize())
            .minimumNumberOfCalls(properties.minimumCalls())
            .failureRateThreshold(properties.failureRateThreshold())
            .waitDurationInOpenState(properties.openDuration())
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            // A client that hangs up before its answer is written is not the service failing;
            // counted,
            // a few dozen clients going away at once (a load balancer draining, a benchmark
            // stopping) opened the circuit for everyone else.
            .ignoreExceptions(AbortedException.class)
            .build());
  }
}
