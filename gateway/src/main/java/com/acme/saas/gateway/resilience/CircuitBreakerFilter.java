package com.acme.saas.gateway.resilience;

import com.acme.saas.gateway.FilterOrder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Wraps every route in its own circuit breaker and timeout: a service that does not answer in time
 * gets 504, one that cannot be reached 503, and once a route's failures pass the threshold its
 * circuit opens and requests are answered 503 at once, without waiting on the service.
 */
@Component
final class CircuitBreakerFilter implements GlobalFilter, Ordered {

  private final CircuitBreakerRegistry breakers;
  private final ResilienceProperties properties;

  CircuitBreakerFilter(CircuitBreakerRegistry breakers, ResilienceProperties properties) {
    this.breakers = breakers;
    this.properties = properties;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    if (route == null) {
      return chain.filter(exchange);
    }
    CircuitBreaker breaker = breakers.circuitBreaker(route.getId());
    return chain
        .filter(exchange)
        .timeout(properties.timeout())
        .transformDeferred(CircuitBreakerOperator.of(breaker));
  }

  @Override
  public int getOrder() {
    return FilterOrder.CIRCUIT_BREAKER;
  }
}
