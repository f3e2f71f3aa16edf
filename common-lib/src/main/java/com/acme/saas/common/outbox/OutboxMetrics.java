package com.acme.saas.common.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The outbox's gauges, tagged with the service's schema: {@code outbox.pending} (written, not yet
 * acknowledged by Kafka) and {@code outbox.stuck} (failed {@code saas.outbox.stuck-after-attempts}
 * times or more, still retried, holding back the later events of their key).
 */
public class OutboxMetrics implements MeterBinder {

  private final OutboxRepository outbox;
  private final OutboxProperties properties;

  public OutboxMetrics(OutboxRepository outbox, OutboxProperties properties) {
    this.outbox = outbox;
    this.properties = properties;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Tags schema = Tags.of("schema", outbox.schema());
    Gauge.builder("outbox.pending", outbox, OutboxRepository::pendingCount)
        .tags(schema)
        .description("Outbox events written but not yet acknowledged by Kafka")
        .register(registry);
    Gauge.builder("outbox.stuck", outbox, rows -> rows.stuckCount(properties.stuckAfterAttempts()))
        .tags(schema)
        .description(
            "Outbox events that failed stuck-after-attempts times or more; later events of their key wait")
        .register(registry);
  }
}
