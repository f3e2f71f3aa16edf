package com.acme.saas.common.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of the service's {@code outbox} table. Every method joins the caller's transaction when
 * there is one: the insert joins the business transaction, the relay's reads and updates join
 * the transaction that holds the relay lock.
 */
public class OutboxRepository {

  private final JdbcClient jdbc;

  public OutboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(OutboxRow row) {
    jdbc.sql(
            """
            insert into outbox (event_id, topic, message_key, event_type, payload, traceparent)
            values (:eventId, :topic, :key, :type, cast(:payload as jsonb), :traceparent)
            """)
        .param("eventId", row.eventId())
        .param("topic", row.topic())
        .param("key", row.messageKey())
        .param("type", row.eventType())
        .param("payload", row.payload())
        .param("traceparent", row.traceparent())
        .update();
  }

  /**
   * Takes the schema's relay lock until the current transaction ends; false when another relay
   * (another replica) holds it. One relay at a time is what keeps one key's events in order.
   */
  boolean tryLockRelay() {
    Boolean locked =
        jdbc.sql("select pg_try_advisory_xact_lock(hashtext('outbox-relay:' || current_schema()))")
            .query(Boolean.class)
            .single();
    return Boolean.TRUE.equals(locked);
  }

  /** The oldest unsent rows, in the order they were written. */
  List<PendingEvent> findPending(int limit) {
    return jdbc.sql(
            """
            select id, topic, message_key, payload::text as payload, traceparent
            from outbox where sent_at is null order by id limit :limit
            """)
        .param("limit", limit)
        .query(PendingEvent.class)
        .list();
  }

  void markSent(Collection<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("update outbox set sent_at = now() where id = any(:ids)")
          .param("ids", ids.toArray(Long[]::new))
          .update();
    }
  }

  /** Deletes the rows sent longer than {@code retention} ago; returns how many. */
  int deleteSentBefore(Duration retention) {
    return jdbc.sql("delete from outbox where sent_at < now() - make_interval(secs => :seconds)")
        .param("seconds", retention.toSeconds())
        .update();
  }

  public long pendingCount() {
    return jdbc.sql("select count(*) from outbox where sent_at is null").query(Long.class).single();
  }

  /** A row as the writer stores it. */
  record OutboxRow(
      UUID eventId,
      String topic,
      String messageKey,
      String eventType,
      String payload,
      @Nullable String traceparent) {}

  /** An unsent row as the relay publishes it. */
  record PendingEvent(long id, String topic, String messageKey, String payload, @Nullable String traceparent) {}
}
