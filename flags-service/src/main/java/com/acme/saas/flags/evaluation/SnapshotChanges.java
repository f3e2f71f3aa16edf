package com.acme.saas.flags.evaluation;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every replica's snapshot what a transaction changed. {@code pg_notify} is transactional:
 * Postgres delivers the notification to every listening replica when the transaction commits, and
 * never when it rolls back. This replica also reloads right after the commit, so an admin reads
 * their own change at once.
 */
@Component
public class SnapshotChanges {

  static final String CHANNEL = "flags_snapshot";
  static final String FLAGS = "flags";
  static final String PLAN_PREFIX = "plan:";

  private final JdbcClient jdbc;
  private final FlagSnapshot snapshot;

  SnapshotChanges(JdbcClient jdbc, FlagSnapshot snapshot) {
    this.jdbc = jdbc;
    this.snapshot = snapshot;
  }

  /** A flag or override changed in the current transaction. */
  public void flagsChanged() {
    notifyReplicas(FLAGS);
    afterCommit(snapshot::reloadFlags);
  }

  /** The user's plan changed (or was erased) in the current transaction. */
  public void planChanged(UUID userId) {
    notifyReplicas(PLAN_PREFIX + userId);
    afterCommit(() -> snapshot.reloadPlan(userId));
  }

  private void notifyReplicas(String payload) {
    jdbc.sql("select pg_notify(:channel, :payload)")
        .param("channel", CHANNEL)
        .param("payload", payload)
        .query()
        .listOfRows();
  }

  private static void afterCommit(Runnable reload) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            reload.run();
          }
        });
  }
}
