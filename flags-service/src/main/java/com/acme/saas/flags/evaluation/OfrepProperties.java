package com.acme.saas.flags.evaluation;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What {@code GET /ofrep/v1/configuration} tells OFREP providers ({@code flags.ofrep.*}).
 *
 * @param minPollingInterval the shortest bulk-evaluation polling interval a client should use
 * @param cacheTtl how long a server-side provider may cache an evaluation
 */
@ConfigurationProperties("flags.ofrep")
@Validated
public record OfrepProperties(
    @DefaultValue("5s") @NotNull Duration minPollingInterval,
    @DefaultValue("1s") @NotNull Duration cacheTtl) {}
