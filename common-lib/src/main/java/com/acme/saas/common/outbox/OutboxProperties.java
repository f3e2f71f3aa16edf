package com.acme.saas.common.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox relay settings ({@code saas.outbox.*}).
 *
 * @param sweepInterval how often pending rows are retried when no commit nudged the relay
 * @param batchSize rows published per relay transaction
 * @param sendTimeout how long one batch waits for the broker's acknowledgements
 * @param retention sent rows older than this are deleted
 */
@ConfigurationProperties("saas.outbox")
public record OutboxProperties(
    @DefaultValue("1s") Duration sweepInterval,
    @DefaultValue("200") int batchSize,
    @DefaultValue("10s") Duration sendTimeout,
    @DefaultValue("7d") Duration retention) {}
