package com.acme.saas.flags.evaluation;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How each replica keeps its in-memory snapshot fresh ({@code flags.snapshot.*}).
 *
 * @param listenTimeout longest wait for a change notification before the listener checks whether it
 *     should stop or reload everything
 * @param retryDelay wait before reconnecting after the listening connection failed
 * @param fullReloadInterval everything is reloaded this often anyway, a safety net should a
 *     notification ever be lost
 */
@ConfigurationProperties("flags.snapshot")
@Validated
public record SnapshotProperties(
    @DefaultValue("500ms") @NotNull Duration listenTimeout,
    @DefaultValue("1s") @NotNull Duration retryDelay,
    @DefaultValue("5m") @NotNull Duration fullReloadInterval) {}
