package com.acme.saas.common.probe;

/** What the tests may observe of the probe's handler. */
public final class ProbeAccess {
  private ProbeAccess() {}

  public static int poisonAttempts() {
    return ProbeUserDeletedHandler.poisonAttempts.get();
  }
}
