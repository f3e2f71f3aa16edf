package com.acme.saas.billing.erasure;

import com.acme.saas.billing.stripe.StripeApi;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable queue of what an erasure must still undo at Stripe. Each due row is worked in its
 * own transaction, locked with SKIP LOCKED so replicas share the queue: its subscriptions are
 * cancelled and its customer deleted (both count as done when Stripe no longer has them), then the
 * row goes. A failure keeps the row with its error and tries again after a doubling delay, capped
 * at {@code billing.erasure.max-backoff}, for as long as it takes; past
 * {@code billing.erasure.alert-after-attempts} each failure is logged at ERROR.
 */
@Component
public class StripeCleanups {

  private static final Logger log = LoggerFactory.getLogger(StripeCleanups.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final StripeApi stripe;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int alertAfterAttempts;

  StripeCleanups(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      StripeApi stripe,
      MeterRegistry meters,
      @Value("${billing.erasure.initial-backoff:5s}") Duration initialBackoff,
      @Value("${billing.erasure.max-backoff:1h}") Duration maxBackoff,
      @Value("${billing.erasure.alert-after-attempts:10}") int alertAfterAttempts) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.stripe = stripe;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.alertAfterAttempts = alertAfterAttempts;
    Gauge.builder("billing.stripe.cleanups.pending", this, StripeCleanups::pending)
        .description("Erased users whose Stripe subscriptions or customer are not yet removed")
        .register(meters);
  }

  /** Called in the erasure's transaction: the order exists exactly when the erasure commits. */
  void schedule(UUID userId, @Nullable String customerId, List<String> subscriptionIds) {
    jdbc.sql(
            """
            insert into stripe_cleanups (user_id, customer_id, subscription_ids, next_attempt_at, created_at)
            values (:userId, :customerId, :subscriptionIds, now(), now())
            on conflict (user_id) do nothing
            """)
        .param("userId", userId)
        .param("customerId", customerId)
        .param("subscriptionIds", subscriptionIds.toArray(String[]::new))
        .update();
  }

  @Scheduled(fixedDelayString = "${billing.erasure.poll-interval:2s}")
  void runDue() {
    while (Boolean.TRUE.equals(transactions.execute(status -> workOne()))) {
      // One row per transaction, until none is due.
    }
  }

  private boolean workOne() {
    List<Cleanup> due =
        jdbc.sql(
                """
                select user_id, customer_id, subscription_ids, attempts from stripe_cleanups
                 where next_attempt_at <= now()
                 order by next_attempt_at
                 limit 1
                 for update skip locked
                """)
            .query((rs, n) -> new Cleanup(
                rs.getObject("user_id", UUID.class),
                rs.getString("customer_id"),
                List.of((String[]) rs.getArray("subscription_ids").getArray()),
                rs.getInt("attempts")))
            .list();
    if (due.isEmpty()) {
      return false;
    }
    Cleanup cleanup = due.getFirst();
    try {
      cleanup.subscriptionIds().forEach(stripe::cancelSubscription);
      if (cleanup.customerId() != null) {
        stripe.deleteCustomer(cleanup.customerId());
      }
      jdbc.sql("delete from stripe_cleanups where user_id = :userId").param("userId", cleanup.userId()).update();
      log.info("stripe.cleanup.done userId={} subscriptions={} attempts={}", cleanup.userId(), cleanup.subscriptionIds().size(), cleanup.attempts() + 1);
    } catch (RuntimeException e) {
      int attempts = cleanup.attempts() + 1;
      Duration delay = backoff(attempts);
      jdbc.sql(
              """
              update stripe_cleanups set attempts = :attempts, last_error = :error,
                     next_attempt_at = now() + cast(:delay as interval)
               where user_id = :userId
              """)
          .param("attempts", attempts)
          .param("error", e.getClass().getSimpleName() + ": " + e.getMessage())
          .param("delay", delay.toMillis() + " milliseconds")
          .param("userId", cleanup.userId())
          .update();
      if (attempts >= alertAfterAttempts) {
        log.error("stripe.cleanup.failing userId={} attempts={} retryIn={} error={}", cleanup.userId(), attempts, delay, e.toString());
      } else {
        log.warn("stripe.cleanup.retry userId={} attempts={} retryIn={} error={}", cleanup.userId(), attempts, delay, e.toString());
      }
    }
    return true;
  }

  Duration backoff(int attempts) {
    Duration delay = initialBackoff.multipliedBy(1L << Math.min(attempts - 1, 20));
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }

  private double pending() {
    return jdbc.sql("select count(*) from stripe_cleanups").query(Long.class).single();
  }

  private record Cleanup(UUID userId, @Nullable String customerId, List<String> subscriptionIds, int attempts) {}
}
