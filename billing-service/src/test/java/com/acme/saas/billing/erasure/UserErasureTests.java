package com.acme.saas.billing.erasure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.billing.StripeStandIn;
import com.acme.saas.billing.StripeWebhooks;
import com.acme.saas.billing.SubscriptionEvents;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A deleted user's subscriptions are cancelled at Stripe and their billing data erased, through any
 * Stripe outage.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "billing.erasure.poll-interval=100ms",
      "billing.erasure.initial-backoff=200ms",
      "billing.erasure.max-backoff=400ms",
      "billing.stripe.breaker.open-duration=300ms"
    })
@RealInfrastructure
class UserErasureTests {

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    StripeStandIn.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  UUID userId;
  String subscriptionId;
  String customerId;

  /**
   * The user bought pro: a customer made through checkout, an active subscription from the webhook.
   */
  @BeforeEach
  void aPayingUser() {
    userId = UUID.randomUUID();
    HttpApi.Response checkout =
        HttpApi.local(port)
            .post(
                "/api/v1/billing/checkout-session", TestTokens.user(userId), Map.of("plan", "pro"));
    assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
    customerId =
        jdbc.sql("select customer_id from customers where user_id = :id")
            .param("id", userId)
            .query(String.class)
            .single();
    subscriptionId = StripeWebhooks.newId("sub_");
    deliver("customer.subscription.created", "active");
  }

  @Test
  void deletionCancelsTheSubscriptionAndDeletesTheCustomerAtStripeAndErasesTheRows() {
    publishUserDeleted(userId);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(
                      StripeStandIn.requests(
                          "DELETE", "/v1/subscriptions/" + subscriptionId, subscriptionId))
                  .hasSize(1);
              assertThat(
                      StripeStandIn.requests("DELETE", "/v1/customers/" + customerId, customerId))
                  .hasSize(1);
              assertThat(pendingCleanups()).isZero();
            });
    assertThat(rowsAbout()).isZero();
  }

  @Test
  void aWebhookAboutTheErasedUserChangesNothing() {
    publishUserDeleted(userId);
    await().atMost(Duration.ofSeconds(20)).until(() -> rowsAbout() == 0 && pendingCleanups() == 0);
    int eventsBefore = SubscriptionEvents.of(jdbc, userId).size();

    deliver("customer.subscription.deleted", "canceled");
    HttpApi.Response checkoutCompleted =
        new StripeWebhooks(port)
            .deliver(
                StripeWebhooks.event(
                    "checkout.session.completed",
                    StripeWebhooks.checkoutSession(customerId, subscriptionId, userId),
                    Instant.now()));

    assertThat(checkoutCompleted.status()).isEqualTo(200);
    assertThat(rowsAbout()).isZero();
    assertThat(SubscriptionEvents.of(jdbc, userId)).hasSize(eventsBefore);
  }

  @Test
  void aStripeOutageDelaysTheCancellationAndNeverDropsIt() {
    StubMapping outage =
        StripeStandIn.server()
            .stubFor(
                delete(urlPathMatching("/v1/(subscriptions|customers)/.*"))
                    .atPriority(1)
                    .willReturn(aResponse().withStatus(503)));
    try {
      publishUserDeleted(userId);

      await().atMost(Duration.ofSeconds(20)).until(() -> attempts() >= 3);
      assertThat(rowsAbout()).as("local rows are erased at once").isZero();
      assertThat(
              jdbc.sql("select last_error from stripe_cleanups where user_id = :id")
                  .param("id", userId)
                  .query(String.class)
                  .single())
          .contains("unavailable");
    } finally {
      StripeStandIn.server().removeStub(outage);
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> pendingCleanups() == 0);
    assertThat(StripeStandIn.requests("DELETE", "/v1/customers/" + customerId, customerId))
        .isNotEmpty()
        .last()
        .satisfies(request -> assertThat(request.getMethod().getName()).isEqualTo("DELETE"));
  }

  @Test
  void aRepeatedDeletionIsHarmless() {
    publishUserDeleted(userId);
    await().atMost(Duration.ofSeconds(20)).until(() -> pendingCleanups() == 0 && rowsAbout() == 0);

    publishUserDeleted(userId);
    UUID marker = UUID.randomUUID();
    publishUserDeleted(marker);
    await().atMost(Duration.ofSeconds(20)).until(() -> erased(marker));

    assertThat(pendingCleanups()).isZero();
    assertThat(
            StripeStandIn.requests("DELETE", "/v1/subscriptions/" + subscriptionId, subscriptionId))
        .hasSize(1);
  }

  private void deliver(String type, String status) {
    HttpApi.Response response =
        new StripeWebhooks(port)
            .deliver(
                StripeWebhooks.event(
                    type,
                    StripeWebhooks.subscription(
                        subscriptionId, customerId, userId, StripeStandIn.PRICE_PRO, status),
                    Instant.now()));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  private static void publishUserDeleted(UUID user) {
    SuiteEvents.publish("user-service", new UserDeleted(user));
  }

  private long rowsAbout() {
    return jdbc.sql(
            "select (select count(*) from customers where user_id = :id) + (select count(*) from subscriptions where user_id = :id)")
        .param("id", userId)
        .query(Long.class)
        .single();
  }

  private boolean erased(UUID user) {
    return jdbc.sql("select count(*) from erased_users where user_id = :id")
            .param("id", user)
            .query(Long.class)
            .single()
        == 1;
  }

  private long pendingCleanups() {
    return jdbc.sql("select count(*) from stripe_cleanups where user_id = :id")
        .param("id", userId)
        .query(Long.class)
        .single();
  }

  private int attempts() {
    return jdbc.sql("select coalesce(max(attempts), 0) from stripe_cleanups where user_id = :id")
        .param("id", userId)
        .query(Integer.class)
        .single();
  }
}
