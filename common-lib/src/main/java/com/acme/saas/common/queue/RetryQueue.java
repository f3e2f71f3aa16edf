package com.acme.saas.common.queue;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A durable queue of work that must happen eventually, whatever fails meanwhile (a mail to send, a
 * removal at Stripe), kept in a table of the service's own schema. The business transaction inserts
 * the row; the table has a key column and {@code attempts integer not null default 0}, {@code
 * next_attempt_at timestamptz not null} and {@code last_error text}.
 *
 * <p>{@link #workDue} works each due row in its own transaction, locked with SKIP LOCKED so
 * replicas share the queue, oldest due first. Work that returns deletes the row; work that throws
 * keeps it with its error and tries again after a doubling delay, capped, for as long as it takes.
 * From {@code alertAfterAttempts} failures on, each is logged at ERROR. Work that succeeds in the
 * outside world but whose transaction then fails to commit is done again: at least once.
 *
 * @param <T> what the work needs of one row
 */
public final class RetryQueue<T> {

  private static final Logger log = LoggerFactory.getLogger(RetryQueue.class);

  /**
   * How a queue retries.
   *
   * @param initial the wait after the first failed attempt; each further failure doubles it
   * @param max the longest wait
   * @param alertAfterAttempts from this many failed attempts on, each failure is logged at ERROR
   */
  public record Backoff(Duration initial, Duration max, int alertAfterAttempts) {

    /** The wait after {@code attempts} failed attempts. */
    public Duration after(int attempts) {
      Duration delay = initial.multipliedBy(1L << Math.min(Math.max(attempts, 1) - 1, 20));
      return delay.compareTo(max) > 0 ? max : delay;
    }
  }

  /** The work on one row; throwing leaves the row for a later attempt. */
  @FunctionalInterface
  public interface Worker<T> {
    /**
     * @param attempt 1 for the first try
     */
    void work(T item, int attempt) throws Exception;
  }

  private record Due<T>(Object key, int attempts, T item) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final String table;
  private final String keyColumn;
  private final String name;
  private final RowMapper<T> items;
  private final Backoff backoff;

  /**
   * @param table the queue's table and {@code keyColumn} its primary key: names from the code,
   *     never input
   * @param name what log lines call the queue's events ({@code <name>.retry}, {@code
   *     <name>.failing})
   * @param items reads what the work needs from a row ({@code select *})
   */
  public RetryQueue(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      String table,
      String keyColumn,
      String name,
      RowMapper<T> items,
      Backoff backoff) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.table = table;
    this.keyColumn = keyColumn;
    this.name = name;
    this.items = items;
    this.backoff = backoff;
  }

  /** Works the due rows, one per transaction, until none is due. */
  public void workDue(Worker<T> worker) {
    while (Boolean.TRUE.equals(transactions.execute(status -> workOne(worker)))) {
      // One row per transaction, until none is due.
    }
  }

  /** Rows waiting, due or not. */
  public long pending() {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  public Duration backoff(int attempts) {
    return backoff.after(attempts);
  }

  private boolean workOne(Worker<T> worker) {
    List<Due<T>> due =
        jdbc.sql(
                "select * from "
                    + table
                    + " where next_attempt_at <= now() order by next_attempt_at limit 1 for update skip locked")
            .query(
                (rs, n) ->
                    new Due<>(rs.getObject(keyColumn), rs.getInt("attempts"), items.mapRow(rs, n)))
            .list();
    if (due.isEmpty()) {
      return false;
    }
    Due<T> row = due.getFirst();
    int attempt = row.attempts() + 1;
    try {
      worker.work(row.item(), attempt);
      jdbc.sql("delete from " + table + " where " + keyColumn + " = :key")
          .param("key", row.key())
          .update();
    } catch (Exception e) {
      Duration delay = backoff.after(attempt);
      jdbc.sql(
              "update "
                  + table
                  + " set attempts = :attempts, last_error = :error, next_attempt_at = now() + cast(:delay as interval)"
                  + " where "
                  + keyColumn
                  + " = :key")
          .param("attempts", attempt)
          .param("error", e.getClass().getSimpleName() + ": " + e.getMessage())
          .param("delay", delay.toMillis() + " milliseconds")
          .param("key", row.key())
          .update();
      // The exception's class only: its message may name a recipient; the row keeps all of it.
      if (attempt >= backoff.alertAfterAttempts()) {
        log.error(
            "{}.failing key={} attempts={} retryIn={} error={}",
            name,
            row.key(),
            attempt,
            delay,
            e.getClass().getSimpleName());
      } else {
        log.warn(
            "{}.retry key={} attempts={} retryIn={} error={}",
            name,
            row.key(),
            attempt,
            delay,
            e.getClass().getSimpleName());
      }
    }
    return true;
  }
}
