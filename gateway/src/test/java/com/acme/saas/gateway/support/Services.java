package com.acme.saas.gateway.support;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The five services of the suite as echo backends, started once per test JVM. */
public final class Services {

  public static final Backend AUTH = Backend.start("auth");
  public static final Backend USERS = Backend.start("users");
  public static final Backend TASKS = Backend.start("tasks");
  public static final Backend BILLING = Backend.start("billing");
  public static final Backend FLAGS = Backend.start("flags");

  private Services() {}

  /** Requests the five backends have received so far, together. */
  public static int requests() {
    return AUTH.requests()
        + USERS.requests()
        + TASKS.requests()
        + BILLING.requests()
        + FLAGS.requests();
  }

  /** Points the gateway's routes at the echo backends. */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("saas.gateway.services.auth", AUTH::url);
    registry.add("saas.gateway.services.users", USERS::url);
    registry.add("saas.gateway.services.tasks", TASKS::url);
    registry.add("saas.gateway.services.billing", BILLING::url);
    registry.add("saas.gateway.services.flags", FLAGS::url);
    // Each test context counts in its own Redis keys, so no run sees another's counters.
    String keyPrefix = "rl-test-" + UUID.randomUUID() + ":";
    registry.add("saas.gateway.rate-limit.key-prefix", () -> keyPrefix);
  }
}
