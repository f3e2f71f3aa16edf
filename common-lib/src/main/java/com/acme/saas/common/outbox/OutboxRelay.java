package com.acme.saas.common.outbox;

import com.acme.saas.common.outbox.OutboxRepository.PendingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending outbox rows to Kafka in insertion order per key and marks them sent. {@link
 * OutboxSchedule} runs it right after a commit and on a periodic sweep, so rows written while Kafka
 * was down go out once it is back.
 *
 * <p>A row that fails is not the end of the relay: the failure is counted on the row, the row waits
 * out a growing backoff, and the later rows of its key wait with it, because one key's events must
 * arrive in order; every other key goes on. A failure that speaks of the broker rather than the row
 * (Kafka's retriable errors: timeouts, no leader, broker unreachable) also ends the run, since the
 * rest would wait out the same timeout.
 *
 * <p>One relay at a time per schema: each batch holds the schema's relay lock for its transaction,
 * which keeps several replicas from interleaving batches. A crash after the broker acknowledged but
 * before the commit republishes the batch; consumers are idempotent.
 */
public class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int MAX_ERROR_LENGTH = 500;

  private final OutboxRepository outbox;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, String> kafka;
  private final OutboxProperties properties;
  private final Runnable ensureTopics;
  private volatile boolean brokerDown;
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

  /** Publishes everything that may go now; returns how many rows were sent. */
  public int relayPending() {
    int total = 0;
    BatchResult batch;
    do {
      batch = transactions.execute(status -> relayBatch());
      total += batch == null ? 0 : batch.sent();
    } while (batch != null && batch.claimed() == properties.batchSize() && !batch.brokerFault());
    return total;
  }

  private BatchResult relayBatch() {
    if (!outbox.tryLockRelay()) {
      return new BatchResult(0, 0, false);
    }
    List<PendingEvent> batch = outbox.findDue(properties.batchSize());
    Publication publication = publish(batch);
    outbox.markSent(publication.sent);
    for (Failure failure : publication.failures) {
      recordFailure(failure);
    }
    if (publication.brokerFault) {
      ensureTopicsOccasionally();
    } else if (brokerDown && !publication.sent.isEmpty()) {
      log.info("outbox.publish_recovered");
      brokerDown = false;
      outbox.retryWaitingNow();
    }
    return new BatchResult(batch.size(), publication.sent.size(), publication.brokerFault);
  }

  /**
   * Sends the batch in rounds of one row per key, each round waiting for its acknowledgements.
   * Sending a key's next row before the broker took the previous one could let it overtake a row
   * the broker then refuses.
   */
  private Publication publish(List<PendingEvent> batch) {
    Map<String, Deque<PendingEvent>> byKey = new LinkedHashMap<>();
    for (PendingEvent event : batch) {
      byKey.computeIfAbsent(event.messageKey(), key -> new ArrayDeque<>()).add(event);
    }
    Publication publication = new Publication();
    while (!byKey.isEmpty() && !publication.brokerFault) {
      List<PendingEvent> round = byKey.values().stream().map(Deque::remove).toList();
      byKey.values().removeIf(Deque::isEmpty);
      for (PendingEvent failed : sendRound(round, publication)) {
        byKey.remove(failed.messageKey());
      }
    }
    return publication;
  }

  /** Sends one row of each key, waits for the broker and returns the rows that failed. */
  private List<PendingEvent> sendRound(List<PendingEvent> round, Publication publication) {
    List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(round.size());
    for (PendingEvent event : round) {
      CompletableFuture<SendResult<String, String>> send;
      try {
        send = kafka.send(record(event));
      } catch (RuntimeException e) {
        send = CompletableFuture.failedFuture(e);
      }
      sends.add(send);
      // No metadata within max.block.ms: every further send would wait as long.
      if (send.isCompletedExceptionally() && isBrokerFault(send.exceptionNow())) {
        break;
      }
    }
    List<PendingEvent> failed = new ArrayList<>();
    for (int i = 0; i < sends.size(); i++) {
      PendingEvent event = round.get(i);
      try {
        sends.get(i).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        publication.sent.add(event.id());
        if (event.attempts() >= properties.stuckAfterAttempts()) {
          log.info(
              "outbox.stuck_row_sent id={} type={} key={} attempts={}",
              event.id(),
              event.eventType(),
              event.messageKey(),
              event.attempts() + 1);
        }
      } catch (InterruptedException e) {
        // Shutting down: what was not acknowledged stays pending, its attempt uncounted.
        Thread.currentThread().interrupt();
        publication.brokerFault = true;
        return failed;
      } catch (ExecutionException | TimeoutException e) {
        Throwable error =
            e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        failed.add(event);
        publication.failures.add(new Failure(event, error));
        publication.brokerFault |= isBrokerFault(error);
      }
    }
    return failed;
  }

  private void recordFailure(Failure failure) {
    PendingEvent event = failure.event();
    int attempts = event.attempts() + 1;
    String error = describe(failure.error());
    Duration retryIn = properties.backoffAfter(attempts);
    outbox.recordFailure(event.id(), error, retryIn);
    boolean brokerFault = isBrokerFault(failure.error());
    if (brokerFault && !brokerDown) {
      log.warn("outbox.publish_failed id={} reason={}", event.id(), error);
      brokerDown = true;
    }
    if (attempts >= properties.stuckAfterAttempts()) {
      log.error(
          "outbox.row_stuck id={} type={} key={} attempts={} retryIn={} reason={}",
          event.id(),
          event.eventType(),
          event.messageKey(),
          attempts,
          retryIn,
          error);
    } else if (!brokerFault) {
      log.warn(
          "outbox.row_failed id={} type={} key={} attempts={} retryIn={} reason={}",
          event.id(),
          event.eventType(),
          event.messageKey(),
          attempts,
          retryIn,
          error);
    }
  }

  /** Kafka's retriable errors, and our own wait running out, blame the broker, not the row. */
  private static boolean isBrokerFault(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RetriableException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause, as the producer or the broker worded it; never the record itself. */
  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.toString();
    return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
  }

  private static ProducerRecord<String, String> record(PendingEvent event) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(event.topic(), event.messageKey(), event.payload());
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

  private record BatchResult(int claimed, int sent, boolean brokerFault) {}

  private record Failure(PendingEvent event, Throwable error) {}

  /** What a batch came to: the ids the broker acknowledged, the rows it did not, a broker fault. */
  private static final class Publication {
    final List<Long> sent = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();
    boolean brokerFault;
  }
}
