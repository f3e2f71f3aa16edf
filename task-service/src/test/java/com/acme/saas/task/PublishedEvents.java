package com.acme.saas.task;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.testsupport.KafkaTestClient;

/**
 * Publishes events to the test broker exactly as another service's outbox relay does: the envelope
 * as JSON, keyed by user id, on the event type's topic.
 */
public final class PublishedEvents {

  private PublishedEvents() {}

  public static EventEnvelope publish(String producer, DomainEvent event) {
    EventEnvelope envelope = new EventCodec(producer).envelope(event);
    publish(producer, event, envelope);
    return envelope;
  }

  /** Publishes an envelope again, as a redelivery would. */
  public static void publish(String producer, DomainEvent event, EventEnvelope envelope) {
    KafkaTestClient.shared()
        .publish(event.eventType().topic(), event.key(), new EventCodec(producer).write(envelope));
  }
}
