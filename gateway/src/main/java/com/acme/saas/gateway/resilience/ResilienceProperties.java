package com.acme.saas.gateway.resilience;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The circuit breaker and timeout wrapped around every route ({@code saas.gateway.resilience.*}).
 *
 * @param timeout how long a service may take to answer before the client gets 504
 * @param failureRateThreshold percentage of failed calls that opens a route's circuit
 * @param minimumCalls calls recorded before the failure rate counts
 * @param windowSize calls in the sliding window
 * @param openDuration how long an open circuit rejects calls before letting a few through
 * @param retryAfter the {@code Retry-After} sent with 503
 */
@Validated
@ConfigurationProperties("saas.gateway.resilience")
public record ResilienceProperties(
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
    @DefaultValue("10") @Min(1) int minimumCalls,
    @DefaultValue("20") @Min(1) int windowSize,
    @DefaultValue("10s") Duration openDuration,
    @DefaultValue("10s") Duration retryAfter) {}
