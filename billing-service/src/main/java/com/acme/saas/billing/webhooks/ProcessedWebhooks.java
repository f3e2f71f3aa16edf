package com.acme.saas.billing.webhooks;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The Stripe event ids already applied. Recording one is the first write of the event's
 * transaction: a second delivery of the same event, even one arriving at the same moment, waits on
 * the first one's row and then finds it, so it is applied exactly once.
 */
@Component
class ProcessedWebhooks {

  private static final Logger log = LoggerFactory.getLogger(ProcessedWebhooks.class);

  private final JdbcClient jdbc;
  private final Duration retention;

  ProcessedWebhooks(
      JdbcClient jdbc, @Value("${billing.webhooks.retention:30d}") Duration retention) {
    this.jdbc = jdbc;
    this.retention = retention;
  }

  /** False when the event was applied before. */
  boolean record(StripeEvent event) {
    return jdbc.sql(
                """
                insert into webhook_events (event_id, type, api_version, received_at)
                values (:id, :type, :apiVersion, now()) on conflict do nothing
                """)
            .param("id", event.id())
            .param("type", event.type())
            .param("apiVersion", event.apiVersion())
            .update()
        == 1;
  }

  /** Stripe redelivers for three days at most; ids older than the retention cannot come back. */
  @Scheduled(
      fixedDelayString = "${billing.webhooks.purge-interval:1h}",
      initialDelayString = "${billing.webhooks.purge-interval:1h}")
  void purge() {
    int purged =
        jdbc.sql(
                "delete from webhook_events where received_at < now() - cast(:retention as interval)")
            .param("retention", retention.toSeconds() + " seconds")
            .update();
    if (purged > 0) {
      log.info("webhook.events_purged count={}", purged);
    }
  }
}
