package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A user buys pro through Stripe Checkout (Stripe's part played by infra/dev/stripe-trigger), and
 * the plan reaches every service: the subscription, the profile and the task quota.
 */
class BillingJourneyTests {

  private static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(10);
  private static final int FREE_TASK_LIMIT =
      Integer.parseInt(Suite.setting("FREE_TASK_LIMIT", "100"));

  @Test
  void anUpgradeReachesEveryServiceAndAFailedRenewalAndTheEndTakeItBack()
      throws InterruptedException {
    var user = Suite.register();
    assertThat(subscription(user).path("status").asString()).isEqualTo("none");
    for (int i = 0; i < FREE_TASK_LIMIT; i++) {
      assertThat(createTask(user).status()).isEqualTo(201);
    }
    assertThat(createTask(user).errorCode()).isEqualTo("PLAN_LIMIT_REACHED");

    String subscriptionId = StripeTrigger.upgrade(user, "pro");

    long start = System.nanoTime();
    await(() -> "pro".equals(me(user).path("plan").asString()), "plan pro on /users/me");
    System.out.printf(
        "e2e plan propagation: pro visible on /users/me %d ms after the webhooks%n",
        (System.nanoTime() - start) / 1_000_000);
    JsonNode paid = subscription(user);
    assertThat(paid.path("plan").asString()).isEqualTo("pro");
    assertThat(paid.path("status").asString()).isEqualTo("active");
    assertThat(paid.path("currentPeriodEnd").asString()).isNotBlank();
    await(() -> createTask(user).status() == 201, "a task past the free limit");

    StripeTrigger.paymentFailed(subscriptionId);
    await(
        () -> "free".equals(me(user).path("plan").asString()),
        "plan free after the failed renewal");
    assertThat(subscription(user).path("status").asString()).isEqualTo("past_due");
    await(() -> "PLAN_LIMIT_REACHED".equals(createTask(user).errorCode()), "the free limit again");

    StripeTrigger.subscriptionDeleted(subscriptionId);
    await(() -> "canceled".equals(subscription(user).path("status").asString()), "status canceled");
    assertThat(me(user).path("plan").asString()).isEqualTo("free");
  }

  @Test
  void aScheduledCancellationKeepsThePlanUntilTheEnd() throws InterruptedException {
    var user = Suite.register();
    String subscriptionId = StripeTrigger.upgrade(user, "pro");

    StripeTrigger.cancelScheduled(subscriptionId);

    await(() -> subscription(user).path("cancelAtPeriodEnd").asBoolean(), "cancelAtPeriodEnd");
    JsonNode cancelling = subscription(user);
    assertThat(cancelling.path("status").asString()).isEqualTo("active");
    assertThat(cancelling.path("cancelAt").asString()).isNotBlank();
    await(() -> "pro".equals(me(user).path("plan").asString()), "still pro until the period ends");
  }

  @Test
  void aPaidUserCannotCheckOutAgainAndGetsThePortal() throws InterruptedException {
    var user = Suite.register();
    assertThat(
            Suite.api()
                .post("/api/v1/billing/portal-session", user.accessToken(), null)
                .errorCode())
        .isEqualTo("CONFLICT");
    StripeTrigger.upgrade(user, "pro");
    await(() -> "active".equals(subscription(user).path("status").asString()), "active");

    assertThat(checkout(user, "team").errorCode()).isEqualTo("CONFLICT");
    HttpApi.Response portal =
        Suite.api().post("/api/v1/billing/portal-session", user.accessToken(), null);
    assertThat(portal.status()).as("%s", portal).isEqualTo(201);
    assertThat(portal.data().path("url").asString()).startsWith("http");
  }

  @Test
  void deletingAPayingUserCancelsTheSubscriptionAtStripe() throws InterruptedException {
    var user = Suite.register();
    String subscriptionId = StripeTrigger.upgrade(user, "pro");
    await(() -> "active".equals(subscription(user).path("status").asString()), "active");

    var admin = Suite.admin();
    assertThat(Suite.api().delete("/api/v1/users/" + user.userId(), admin.accessToken()).status())
        .isEqualTo(204);

    await(
        () -> StripeStandIn.received("DELETE", "/v1/subscriptions/" + subscriptionId),
        "the cancellation at Stripe");
  }

  @Test
  void thePlansArePublic() {
    HttpApi.Response plans = Suite.api().get("/api/v1/billing/plans", null);

    assertThat(plans.status()).isEqualTo(200);
    assertThat(plans.data().findValuesAsString("id")).containsExactly("free", "pro", "team");
  }

  private static HttpApi.Response checkout(Suite.Session user, String plan) {
    return Suite.api()
        .post("/api/v1/billing/checkout-session", user.accessToken(), Map.of("plan", plan));
  }

  private static HttpApi.Response createTask(Suite.Session user) {
    return Suite.api().post("/api/v1/tasks", user.accessToken(), Map.of("title", "task"));
  }

  private static JsonNode subscription(Suite.Session user) {
    HttpApi.Response response = Suite.api().get("/api/v1/billing/subscription", user.accessToken());
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.data();
  }

  private static JsonNode me(Suite.Session user) {
    return Suite.api().get("/api/v1/users/me", user.accessToken()).data();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PROPAGATION_LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime())
          .as("%s within %s", what, PROPAGATION_LIMIT)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
