package com.acme.saas.common.outbox;

import com.acme.saas.common.outbox.OutboxRepository.PendingEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending outbox rows to Kafka in insertion order and marks them sent. {@link
 * OutboxSchedule} runs it right after a commit and on a periodic sweep, so rows written while
 * Kafka was down go out once it is back.
 *
 * <p>One relay at a time per schema: each batch holds the schema's relay lock for its
 * transaction, which keeps several replicas from interleaving batches and so keeps one key's
 * events in order. A crash after the broker acknowledged but before the commit republishes the
 * batch; consumers are idempotent.
 */
public class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final OutboxRepository outbox;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, String> kafka;
  private final OutboxProperties properties;
  private final Runnable ensureTopics;
  private volatile boolean brokerDownLogged;
  private volatile long lastTopicCheck;

  /**
   * @param ensureTopics creates the suite's topics if missing; run after a failed publish, because
   *     a service that started while Kafka was down could not create them then
   */
  public OutboxRelay(
      OutboxRepository outbox,
      TransactionTemplate transactions,
      KafkaTemplate<String, String> kafka,
      OutboxProperties properties,
      Runnable ensureTopics) {
    this.outbox = outbox;
    this.transactions = transactions;
    this.kafka = kafka;
    this.properties = properties;
    this.ensureTopics = ensureTopics;
  }

  /** Publishes everything pending now; returns how many rows were sent. */
  public int relayPending() {
    int total = 0;
    int sent;
    do {
      sent = relayBatch();
      total += sent;
    } while (sent == properties.batchSize());
    return total;
  }

  private int relayBatch() {
    Integer sent =
        transactions.execute(
            status -> {
              if (!outbox.tryLockRelay()) {
                return 0;
              }
              List<Long> published = publishInOrder(outbox.findPending(properties.batchSize()));
              outbox.markSent(published);
              return published.size();
            });
    return sent == null ? 0 : sent;
  }

  /** Sends the batch and returns the ids acknowledged before the first failure. */
  private List<Long> publishInOrder(List<PendingEvent> batch) {
    List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(batch.size());
    for (PendingEvent event : batch) {
      try {
        sends.add(kafka.send(record(event)));
      } catch (RuntimeException e) {
        // The producer refuses at once (no metadata in max.block.ms): nothing after this may go first.
        sends.add(CompletableFuture.failedFuture(e));
        break;
      }
    }
    List<Long> published = new ArrayList<>(batch.size());
    for (int i = 0; i < sends.size(); i++) {
      try {
        sends.get(i).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        published.add(batch.get(i).id());
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (!brokerDownLogged) {
          log.warn("outbox.publish_failed pending={} reason={}", batch.size() - i, e.toString());
          brokerDownLogged = true;
        }
        ensureTopicsOccasionally();
        return published;
      }
    }
    if (brokerDownLogged && !batch.isEmpty()) {
      log.info("outbox.publish_recovered");
      brokerDownLogged = false;
    }
    return published;
  }

  private static ProducerRecord<String, String> record(PendingEvent event) {
    ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.messageKey(), event.payload());
    if (event.traceparent() != null) {
      record.headers().add("traceparent", event.traceparent().getBytes(StandardCharsets.US_ASCII));
    }
    return record;
  }

  private void ensureTopicsOccasionally() {
    long now = System.nanoTime();
    if (now - lastTopicCheck > TimeUnit.SECONDS.toNanos(30)) {
      lastTopicCheck = now;
      try {
        ensureTopics.run();
      } catch (RuntimeException e) {
        log.debug("outbox.topic_check_failed reason={}", e.toString());
      }
    }
  }
}
