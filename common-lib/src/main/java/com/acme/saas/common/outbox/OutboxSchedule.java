package com.acme.saas.common.outbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * When the relay runs: right after a commit that wrote an event ({@link #nudge()}), on a sweep
 * every {@code saas.outbox.sweep-interval}, and hourly the purge of sent rows past retention. All
 * on one thread, so runs never overlap within a replica.
 */
public class OutboxSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxSchedule.class);

  private final OutboxRelay relay;
  private final OutboxRepository outbox;
  private final OutboxProperties properties;
  private final AtomicBoolean nudged = new AtomicBoolean();
  private volatile @Nullable ScheduledExecutorService executor;

  public OutboxSchedule(OutboxRelay relay, OutboxRepository outbox, OutboxProperties properties) {
    this.relay = relay;
    this.outbox = outbox;
    this.properties = properties;
  }

  /** Asks for a relay run soon; runs already queued absorb the request. */
  public void nudge() {
    ScheduledExecutorService current = executor;
    if (current != null && nudged.compareAndSet(false, true)) {
      current.execute(this::relayQuietly);
    }
  }

  private void relayQuietly() {
    nudged.set(false);
    try {
      relay.relayPending();
    } catch (RuntimeException e) {
      log.warn("outbox.relay_failed reason={}", e.toString());
    }
  }

  private void purgeSent() {
    try {
      outbox.deleteSentBefore(properties.retention());
    } catch (RuntimeException e) {
      log.warn("outbox.purge_failed reason={}", e.toString());
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("outbox-relay").daemon().factory());
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
}
