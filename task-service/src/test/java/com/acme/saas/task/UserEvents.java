package com.acme.saas.task;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.testsupport.Infrastructure;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to the test broker exactly as another service's outbox relay does: the
 * envelope as JSON, keyed by user id, on the event type's topic.
 */
public final class UserEvents {

  private UserEvents() {}

  public static EventEnvelope publish(String producer, DomainEvent event) {
    EventCodec codec = new EventCodec(producer);
    EventEnvelope envelope = codec.envelope(event);
    publish(codec, event, envelope);
    return envelope;
  }

  /** Publishes an envelope again, as a redelivery would. */
  public static void publish(String producer, DomainEvent event, EventEnvelope envelope) {
    publish(new EventCodec(producer), event, envelope);
  }

  private static void publish(EventCodec codec, DomainEvent event, EventEnvelope envelope) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer
          .send(new ProducerRecord<>(event.eventType().topic(), event.key(), codec.write(envelope)))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish " + envelope.type(), e);
    }
  }
}
