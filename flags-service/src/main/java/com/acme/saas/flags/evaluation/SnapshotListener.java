package com.acme.saas.flags.evaluation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this replica's snapshot in step with the database: it LISTENs on one connection of its own
 * and applies each notification {@link SnapshotChanges} sends. After every (re)connect it reloads
 * everything, since notifications sent while nobody listened are gone.
 *
 * <p>Loads the snapshot before the web server starts (phase 0), so no request sees it empty.
 */
@Component
@EnableConfigurationProperties(SnapshotProperties.class)
class SnapshotListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SnapshotListener.class);

  private final DataSource dataSource;
  private final FlagSnapshot snapshot;
  private final SnapshotProperties properties;
  private volatile boolean running;
  private volatile @Nullable Thread thread;

  SnapshotListener(DataSource dataSource, FlagSnapshot snapshot, SnapshotProperties properties) {
    this.dataSource = dataSource;
    this.snapshot = snapshot;
    this.properties = properties;
  }

  @Override
  public void start() {
    snapshot.reloadAll();
    running = true;
    thread = Thread.ofPlatform().daemon().name("flags-snapshot-listener").start(this::listen);
  }

  @Override
  public void stop() {
    running = false;
    Thread listener = thread;
    if (listener == null) {
      return;
    }
    listener.interrupt();
    try {
      listener.join(properties.listenTimeout().multipliedBy(4).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return 0;
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + SnapshotChanges.CHANNEL);
        }
        snapshot.reloadAll();
        applyNotifications(connection.unwrap(PGConnection.class));
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn(
              "flags.snapshot.listen_failed retryIn={} error={}",
              properties.retryDelay(),
              e.toString());
          pause();
        }
      }
    }
  }

  private void applyNotifications(PGConnection connection) throws SQLException {
    Instant nextFullReload = Instant.now().plus(properties.fullReloadInterval());
    int timeout = (int) properties.listenTimeout().toMillis();
    while (running) {
      PGNotification[] notifications = connection.getNotifications(timeout);
      boolean flagsChanged = false;
      for (PGNotification notification :
          notifications == null ? new PGNotification[0] : notifications) {
        String payload = notification.getParameter();
        if (payload.startsWith(SnapshotChanges.PLAN_PREFIX)) {
          snapshot.reloadPlan(
              UUID.fromString(payload.substring(SnapshotChanges.PLAN_PREFIX.length())));
        } else {
          flagsChanged = true;
        }
      }
      // Many flag changes arriving together need one reload.
      if (flagsChanged) {
        snapshot.reloadFlags();
      }
      if (Instant.now().isAfter(nextFullReload)) {
        snapshot.reloadAll();
        nextFullReload = Instant.now().plus(properties.fullReloadInterval());
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(properties.retryDelay());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
