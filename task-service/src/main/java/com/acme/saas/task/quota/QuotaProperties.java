package com.acme.saas.task.quota;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Plan quota settings ({@code tasks.*}).
 *
 * @param freeLimit the most tasks a user on the free plan may hold
 */
@ConfigurationProperties("tasks")
@Validated
public record QuotaProperties(@DefaultValue("100") @Min(0) int freeLimit) {}
