package com.acme.saas.common.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending outbox rows to Kafka in insertion order and marks them sent. Runs right after
 * a commit (nudged by {@link OutboxWriter}) and on a periodic sweep, so rows written while Kafka
 * was down go out once it is back.
 *
 * <p>One relay at a time per schema: a transaction-scoped advisory lock keeps several replicas
 * from interleaving batches, which is what keeps one key's events in order. A crash after the
 * broker acknowledged but before the commit republishes the batch; consumers are idempotent.
 */
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, String> kafka;
  private final OutboxProperties properties;
  private final Runnable ensureTopics;
  private final AtomicBoolean nudged = new AtomicBoolean();
  private volatile @Nullable ScheduledExecutorService executor;
  private volatile boolean brokerDownLogged;
  private volatile long lastTopicCheck;

  /**
   * @param ensureTopics creates the suite's topics if missing; run after a failed publish, because
   *     a service that started while Kafka was down could not create them then
   */
  public OutboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, String> kafka,
      OutboxProperties properties,
      Runnable ensureTopics) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.kafka = kafka;
    this.properties = properties;
    this.ensureTopics = ensureTopics;
  }

  /** Asks for a relay run soon; runs already queued absorb the request. */
  public void nudge() {
    ScheduledExecutorService current = executor;
    if (current != null && nudged.compareAndSet(false, true)) {
      current.execute(this::relayQuietly);
    }
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

  public long pendingCount() {
    return jdbc.sql("select count(*) from outbox where sent_at is null").query(Long.class).single();
  }

  private int relayBatch() {
    Integer sent =
        transactions.execute(
            status -> {
              Boolean locked =
                  jdbc.sql("select pg_try_advisory_xact_lock(hashtext('outbox-relay:' || current_schema()))")
                      .query(Boolean.class)
                      .single();
              if (!Boolean.TRUE.equals(locked)) {
                return 0;
              }
              List<PendingEvent> batch =
                  jdbc.sql(
                          """
                          select id, topic, message_key, payload::text as payload, traceparent
                          from outbox where sent_at is null order by id limit :limit
                          """)
                      .param("limit", properties.batchSize())
                      .query(PendingEvent.class)
                      .list();
              List<Long> published = publishInOrder(batch);
              if (!published.isEmpty()) {
                jdbc.sql("update outbox set sent_at = now() where id = any(:ids)")
                    .param("ids", published.toArray(Long[]::new))
                    .update();
              }
              return published.size();
            });
    return sent == null ? 0 : sent;
  }

  /** Sends the batch and returns the ids acknowledged before the first failure. */
  private List<Long> publishInOrder(List<PendingEvent> batch) {
    List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(batch.size());
    for (PendingEvent event : batch) {
      ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.messageKey(), event.payload());
      if (event.traceparent() != null) {
        record.headers().add("traceparent", event.traceparent().getBytes(StandardCharsets.US_ASCII));
      }
      try {
        sends.add(kafka.send(record));
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

  private void relayQuietly() {
    nudged.set(false);
    try {
      relayPending();
    } catch (RuntimeException e) {
      log.warn("outbox.relay_failed reason={}", e.toString());
    }
  }

  private void purgeSent() {
    try {
      jdbc.sql("delete from outbox where sent_at < now() - make_interval(secs => :seconds)")
          .param("seconds", properties.retention().toSeconds())
          .update();
    } catch (RuntimeException e) {
      log.warn("outbox.purge_failed reason={}", e.toString());
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").daemon().factory());
    long sweep = properties.sweepInterval().toMillis();
    started.scheduleWithFixedDelay(this::relayQuietly, 0, sweep, TimeUnit.MILLISECONDS);
    started.scheduleWithFixedDelay(this::purgeSent, 1, 60, TimeUnit.MINUTES);
    executor = started;
  }

  @Override
  public void stop() {
    ScheduledExecutorService running = executor;
    executor = null;
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  record PendingEvent(long id, String topic, String messageKey, String payload, @Nullable String traceparent) {}
}
