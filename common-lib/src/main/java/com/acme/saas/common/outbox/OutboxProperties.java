package com.acme.saas.common.outbox;

import com.acme.saas.common.queue.RetryQueue;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbox relay settings ({@code saas.outbox.*}).
 *
 * @param sweepInterval how often pending rows are retried when no commit nudged the relay
 * @param batchSize rows published per relay transaction
 * @param sendTimeout how long one batch waits for the broker's acknowledgements
 * @param retention sent rows older than this are deleted
 * @param initialBackoff how long a row that failed to publish waits before its second attempt; the
 *     wait doubles with each further failure up to {@code maxBackoff}
 * @param maxBackoff the longest wait between two attempts of one row
 * @param stuckAfterAttempts failed attempts after which a row counts as stuck ({@code
 *     outbox.stuck}, an ERROR log per further failure); it is still retried
 */
@Validated
@ConfigurationProperties("saas.outbox")
public record OutboxProperties(
    @DefaultValue("1s") Duration sweepInterval,
    @DefaultValue("200") @Min(1) int batchSize,
    @DefaultValue("10s") Duration sendTimeout,
    @DefaultValue("7d") Duration retention,
    @DefaultValue("1s") Duration initialBackoff,
    @DefaultValue("1m") Duration maxBackoff,
    @DefaultValue("10") @Min(1) int stuckAfterAttempts) {

  /** The wait after a row's {@code attempts}-th failure. */
  Duration backoffAfter(int attempts) {
    return new RetryQueue.Backoff(initialBackoff, maxBackoff, stuckAfterAttempts).after(attempts);
  }
}
