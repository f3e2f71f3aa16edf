package com.acme.saas.billing.erasure;

import com.acme.saas.billing.stripe.StripeApi;
import com.acme.saas.common.queue.RetryQueue;
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
 * The durable queue of what an erasure must still undo at Stripe, a {@link RetryQueue}: each due
 * row is worked in its own transaction, locked with SKIP LOCKED so replicas share the queue: its
 * subscriptions are cancelled and its customer deleted (both count as done when Stripe no longer
 * has them), then the row goes. A failure keeps the row with its error and tries again after a
 * doubling delay, capped at {@code billing.erasure.max-backoff}, for as long as it takes; past
 * {@code billing.erasure.alert-after-attempts} each failure is logged at ERROR.
 */
@Component
public class StripeCleanups {

  private static final Logger log = LoggerFactory.getLogger(StripeCleanups.class);

  private final JdbcClient jdbc;
  private final StripeApi stripe;
  private final RetryQueue<Cleanup> queue;

  StripeCleanups(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      StripeApi stripe,
      MeterRegistry meters,
      @Value("${billing.erasure.initial-backoff:5s}") Duration initialBackoff,
      @Value("${billing.erasure.max-backoff:1h}") Duration maxBackoff,
      @Value("${billing.erasure.alert-after-attempts:10}") int alertAfterAttempts) {
    this.jdbc = jdbc;
    this.stripe = stripe;
    this.queue =
        new RetryQueue<>(
            jdbc,
            transactions,
            "stripe_cleanups",
            "user_id",
            "stripe.cleanup",
            (rs, n) ->
                new Cleanup(
                    rs.getObject("user_id", UUID.class),
                    rs.getString("customer_id"),
                    List.of((String[]) rs.getArray("subscription_ids").getArray())),
            new RetryQueue.Backoff(initialBackoff, maxBackoff, alertAfterAttempts));
    Gauge.builder("billing.stripe.cleanups.pending", queue, RetryQueue::pending)
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
    queue.workDue(this::clean);
  }

  private void clean(Cleanup cleanup, int attempt) {
    cleanup.subscriptionIds().forEach(stripe::cancelSubscription);
    if (cleanup.customerId() != null) {
      stripe.deleteCustomer(cleanup.customerId());
    }
    log.info(
        "stripe.cleanup.done userId={} subscriptions={} attempts={}",
        cleanup.userId(),
        cleanup.subscriptionIds().size(),
        attempt);
  }

  private record Cleanup(UUID userId, @Nullable String customerId, List<String> subscriptionIds) {}
}
