package com.acme.saas.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real clock moved forward by hand: a test that needs a token to expire says {@code
 * clock.advance(Duration.ofDays(8))} instead of rewriting timestamps in SQL. Time keeps flowing, so
 * nothing waiting on it hangs. A service uses it where it takes its {@code Clock} bean: declare it
 * as a {@code @Primary} bean in the test, and {@link #reset()} it before each test.
 */
public final class TestClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Moves this clock forward (or, with a negative duration, back). */
  public void advance(Duration duration) {
    offset.accumulateAndGet(duration, Duration::plus);
  }

  /** Back to the real time. */
  public void reset() {
    offset.set(Duration.ZERO);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("TestClock keeps UTC");
  }
}
