package com.acme.saas.common.outbox;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.outbox.OutboxRepository.OutboxRow;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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
  private final Supplier<@Nullable String> traceparent;

  /**
   * @param traceparent the W3C trace context of the current span, sampled flag included, carried to
   *     the event's consumers; {@code null} outside a trace
   */
  public OutboxWriter(
      OutboxRepository outbox,
      EventCodec codec,
      OutboxSchedule schedule,
      Supplier<@Nullable String> traceparent) {
    this.outbox = outbox;
    this.codec = codec;
    this.schedule = schedule;
    this.traceparent = traceparent;
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
            traceparent.get()));
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            schedule.nudge();
          }
        });
    return envelope;
  }
}
