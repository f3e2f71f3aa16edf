package com.acme.saas.common.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of the service's {@code outbox} table. Every method joins the caller's transaction when
 * there is one: the insert joins the business transaction, the relay's reads and updates join the
 * transaction that holds the relay lock.
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

  /**
   * The oldest unsent rows that may be tried now, in the order they were written: every key's rows
   * up to, not including, its first row still waiting out a backoff.
   */
  List<PendingEvent> findDue(int limit) {
    return jdbc.sql(
            """
            select o.id, o.topic, o.message_key, o.event_type, o.payload::text as payload, o.traceparent, o.attempts
            from outbox o
            where o.sent_at is null
              and not exists (
                  select 1 from outbox waiting
                  where waiting.sent_at is null and waiting.next_attempt_at > clock_timestamp()
                    and waiting.message_key = o.message_key and waiting.id <= o.id)
            order by o.id
            limit :limit
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

  /** Counts a failed attempt on the row and holds it (and so its key) back for {@code backoff}. */
  void recordFailure(long id, String error, Duration backoff) {
    jdbc.sql(
            """
            update outbox
            set attempts = attempts + 1, last_error = :error, last_attempt_at = clock_timestamp(),
                next_attempt_at = clock_timestamp() + make_interval(secs => :seconds)
            where id = :id
            """)
        .param("id", id)
        .param("error", error)
        .param("seconds", backoff.toMillis() / 1000.0)
        .update();
  }

  /** Ends every backoff now: the broker is back, and what it refused during an outage may go. */
  void retryWaitingNow() {
    jdbc.sql(
            "update outbox set next_attempt_at = null where sent_at is null and next_attempt_at > clock_timestamp()")
        .update();
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

  /** Unsent rows that have failed {@code attempts} times or more. */
  public long stuckCount(int attempts) {
    return jdbc.sql("select count(*) from outbox where sent_at is null and attempts >= :attempts")
        .param("attempts", attempts)
        .query(Long.class)
        .single();
  }

  /** The schema the outbox lives in: the service's own. */
  String schema() {
    return jdbc.sql("select current_schema()").query(String.class).single();
  }

  /** A row as the writer stores it. */
  record OutboxRow(
      UUID eventId,
      String topic,
      String messageKey,
      String eventType,
      String payload,
      @Nullable String traceparent) {}

  /** An unsent row as the relay publishes it; {@code attempts} counts its failures so far. */
  record PendingEvent(
      long id,
      String topic,
      String messageKey,
      String eventType,
      String payload,
      @Nullable String traceparent,
      int attempts) {}
}
