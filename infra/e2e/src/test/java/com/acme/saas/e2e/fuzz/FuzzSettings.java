package com.acme.saas.e2e.fuzz;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The fuzz run's seed and size: fixed by default, so CI sends the same requests every run; {@code
 * -Dfuzz.seed=} (or FUZZ_SEED) replays another run, {@code -Dfuzz.tries=} (FUZZ_TRIES) changes how
 * many requests it generates. No shrinking: every try is a request to a running suite, and a
 * failing request is printed whole.
 */
public final class FuzzSettings implements AroundPropertyHook {

  static final String DEFAULT_SEED = "20261201";
  static final int DEFAULT_TRIES = 4_000;

  static String seed() {
    return setting("fuzz.seed", "FUZZ_SEED", DEFAULT_SEED);
  }

  static int tries() {
    return Integer.parseInt(setting("fuzz.tries", "FUZZ_TRIES", String.valueOf(DEFAULT_TRIES)));
  }

  private static String setting(String property, String variable, String fallback) {
    String value = System.getProperty(property, System.getenv(variable));
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    context.attributes().setSeed(seed());
    context.attributes().setTries(tries());
    context.attributes().setShrinking(ShrinkingMode.OFF);
    // BadRequests chooses its boundary values itself; jqwik's edge cases would crowd the first
    // and last operations.
    context.attributes().setEdgeCases(EdgeCasesMode.NONE);
    // A failure is replayed by its seed, not by jqwik's database of earlier failures.
    context.attributes().setAfterFailure(AfterFailureMode.RANDOM_SEED);
    return property.execute();
  }
}
