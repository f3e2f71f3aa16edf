package com.acme.saas.task.erasure;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Erasure settings ({@code tasks.erasure.*}).
 *
 * @param batchSize tasks deleted per transaction when a user is erased
 */
@ConfigurationProperties("tasks.erasure")
@Validated
public record ErasureProperties(@DefaultValue("1000") @Min(1) int batchSize) {}
