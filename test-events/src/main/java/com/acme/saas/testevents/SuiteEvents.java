package com.acme.saas.testevents;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.EventType;
import com.acme.saas.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Suite events on the test broker: publishes what another service would (the envelope as JSON,
 * keyed by user id, on the event type's topic, exactly as an outbox relay sends it), and reads what
 * the service under test published.
 */
public final class SuiteEvents {

  /** Reads envelopes whoever produced them; the producer name is only used when writing. */
  private static final EventCodec READER = new EventCodec("test");

  private static final Duration WAIT = Duration.ofSeconds(20);

  private SuiteEvents() {}

  /** Publishes a new envelope of {@code event} as {@code producer}, and returns it. */
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

  /** The first event of the type about the user that {@code producer} published. */
  public static ConsumerRecord<String, String> awaitEvent(
      String producer, EventType<?> type, UUID userId) {
    return KafkaTestClient.shared()
        .awaitRecord(type.topic(), WAIT, record -> matches(record, producer, type, userId));
  }

  /**
   * Every envelope on the topic, read from its beginning until one matches {@code until}: publish a
   * marker event after the ones in question, and reading up to it shows all that came before.
   */
  public static List<EventEnvelope> readUntil(String topic, Predicate<EventEnvelope> until) {
    return KafkaTestClient.shared()
        .readUntil(
            topic, records -> records.stream().map(SuiteEvents::envelope).anyMatch(until), WAIT)
        .stream()
        .map(SuiteEvents::envelope)
        .toList();
  }

  public static EventEnvelope envelope(ConsumerRecord<String, String> record) {
    return READER.read(record.value());
  }

  private static boolean matches(
      ConsumerRecord<String, String> record, String producer, EventType<?> type, UUID userId) {
    EventEnvelope envelope = envelope(record);
    return envelope.type().equals(type.name())
        && producer.equals(envelope.producer())
        && userId.toString().equals(envelope.payload().path("userId").asString());
  }
}
