package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stripe's part in the journeys: runs the local stack's {@code infra/dev/stripe-trigger}, which
 * sends the signed events Stripe would send through the gateway under test.
 */
final class StripeTrigger {

  private StripeTrigger() {}

  /** The user checks out {@code plan} and pays on Stripe's side; returns the subscription id. */
  static String upgrade(Suite.Session user, String plan) {
    var checkout =
        Suite.api()
            .post("/api/v1/billing/checkout-session", user.accessToken(), Map.of("plan", plan));
    assertThat(checkout.status()).as("checkout: %s", checkout).isEqualTo(201);
    return checkoutCompleted(checkout.data().path("id").asString());
  }

  /** The customer paid the checkout session; returns the new subscription's id. */
  static String checkoutCompleted(String checkoutSessionId) {
    List<String> lines = run("checkout-completed", checkoutSessionId);
    return lines.getLast().strip();
  }

  static void paymentFailed(String subscriptionId) {
    run("payment-failed", subscriptionId);
  }

  static void cancelScheduled(String subscriptionId) {
    run("cancel-scheduled", subscriptionId);
  }

  static void subscriptionDeleted(String subscriptionId) {
    run("subscription-deleted", subscriptionId);
  }

  private static List<String> run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Suite.repositoryRoot().resolve("infra/dev/stripe-trigger").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().put("GATEWAY_URL", Suite.GATEWAY_URL);
    try {
      Process process = builder.start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS))
          .as("stripe-trigger %s finished", command)
          .isTrue();
      assertThat(process.exitValue())
          .as("stripe-trigger %s: %s%s", List.of(arguments), stdout, stderr)
          .isZero();
      return stdout.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new AssertionError("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
