package com.acme.saas.user;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.Topics;
import com.acme.saas.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Events on the test broker: publishes what other services would (the envelope as JSON, keyed by
 * user id, exactly as an outbox relay sends it), and finds what user-service published.
 */
public final class SuiteEvents {

  private static final EventCodec READER = new EventCodec("test");

  private SuiteEvents() {}

  public static EventEnvelope publish(String producer, DomainEvent event) {
    EventCodec codec = new EventCodec(producer);
    EventEnvelope envelope = codec.envelope(event);
    KafkaTestClient.shared().publish(event.eventType().topic(), event.key(), codec.write(envelope));
    return envelope;
  }

  /** The record of the given type about the given user that user-service put on user-events. */
  public static ConsumerRecord<String, String> awaitUserEvent(String type, UUID userId) {
    return KafkaTestClient.shared()
        .awaitRecord(
            Topics.USER_EVENTS,
            Duration.ofSeconds(20),
            record -> {
              EventEnvelope envelope = READER.read(record.value());
              return envelope.type().equals(type)
                  && "user-service".equals(envelope.producer())
                  && userId.toString().equals(envelope.payload().path("userId").asString());
            });
  }

  public static EventEnvelope envelope(ConsumerRecord<String, String> record) {
    return READER.read(record.value());
  }
}
