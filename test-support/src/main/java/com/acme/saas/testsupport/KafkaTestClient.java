package com.acme.saas.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes raw records and reads topics from the start, as another service would. */
public final class KafkaTestClient {

  private final String bootstrapServers;

  public KafkaTestClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** A client of the test broker. */
  public static KafkaTestClient shared() {
    return new KafkaTestClient(Infrastructure.get().kafkaBootstrapServers());
  }

  public void publish(String topic, String key, String value) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not publish to " + topic + " at " + bootstrapServers, e);
    }
  }

  /**
   * Reads {@code topic} from its beginning until a record matches, and returns it.
   *
   * @throws AssertionError when none matches within {@code timeout}
   */
  public ConsumerRecord<String, String> awaitRecord(
      String topic, Duration timeout, Predicate<ConsumerRecord<String, String>> match) {
    List<ConsumerRecord<String, String>> read =
        readUntil(topic, records -> records.stream().anyMatch(match), timeout);
    return read.stream().filter(match).findFirst().orElseThrow();
  }

  /**
   * Reads {@code topic} from its beginning until the records read so far satisfy {@code done}.
   *
   * @throws AssertionError when {@code timeout} passes first, listing what was read
   */
  public List<ConsumerRecord<String, String>> readUntil(
      String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      while (!done.test(records)) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "Waited "
                  + timeout
                  + " on "
                  + topic
                  + "; read "
                  + records.size()
                  + " records: "
                  + records.stream().map(ConsumerRecord::value).toList());
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
