package com.acme.saas.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
            .build());
  }
}
