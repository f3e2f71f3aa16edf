package com.acme.saas.common.outbox;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.outbox.OutboxRepository.OutboxRow;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an event in the service's {@code outbox} table inside the caller's transaction, so the
 * event exists exactly when the change that caused it commits. The relay is nudged after commit.
 */
public class OutboxWriter {

  private final OutboxRepository outbox;
  private final EventCodec codec;
  private final OutboxSchedule schedule;

  public OutboxWriter(OutboxRepository outbox, EventCodec codec, OutboxSchedule schedule) {
    this.outbox = outbox;
    this.codec = codec;
    this.schedule = schedule;
  }

  /**
   * @throws IllegalStateException outside a transaction: an event written on its own could outlive
   *     a rolled-back change or be lost with a committed one
   */
  public EventEnvelope write(DomainEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "OutboxWriter.write must run inside the business transaction");
    }
    EventEnvelope envelope = codec.envelope(event);
    outbox.insert(
        new OutboxRow(
            envelope.eventId(),
            event.eventType().topic(),
            event.key(),
            envelope.type(),
            codec.write(envelope),
            traceparent()));
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            schedule.nudge();
          }
        });
    return envelope;
  }

  /**
   * The W3C trace context of the request that caused the event, carried to its consumers. Read from
   * the logging context, where Micrometer Tracing keeps the current ids.
   */
  private static @Nullable String traceparent() {
    String traceId = MDC.get("traceId");
    String spanId = MDC.get("spanId");
    return traceId == null || spanId == null ? null : "00-" + traceId + "-" + spanId + "-01";
  }
}
