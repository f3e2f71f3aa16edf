package com.acme.saas.billing.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.billing.StripeStandIn;
import com.acme.saas.billing.StripeWebhooks;
import com.acme.saas.billing.SubscriptionEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe delivers at least once, in any order: each event is applied once, and never over a newer
 * one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class WebhookDeliveryTests {

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    StripeStandIn.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @InjectApi HttpApi http;
  StripeWebhooks stripe;
  UUID userId;
  String subscriptionId;
  String customerId;
  Instant t0;

  @BeforeEach
  void setUp() {
    stripe = new StripeWebhooks(port);
    userId = UUID.randomUUID();
    subscriptionId = StripeWebhooks.newId("sub_");
    customerId = StripeWebhooks.newId("cus_");
    t0 = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  @Test
  void theSameEventTwiceIsAppliedOnceAndBothAreAcknowledged() {
    String event = StripeWebhooks.event("customer.subscription.created", sub("active"), t0);

    assertThat(stripe.deliver(event).status()).isEqualTo(200);
    assertThat(stripe.deliver(event).status()).isEqualTo(200);

    assertThat(SubscriptionEvents.planAndStatus(jdbc, userId)).containsExactly("pro/active");
    assertThat(timesRecorded(event)).isEqualTo(1);
  }

  @Test
  void theSameEventDeliveredTenTimesAtOnceIsAppliedOnce() throws Exception {
    String event = StripeWebhooks.event("customer.subscription.created", sub("active"), t0);
    List<Future<Integer>> answers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
      for (int i = 0; i < 10; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return stripe.deliver(event).status();
                }));
      }
      start.countDown();
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(200);
      }
    }

    assertThat(SubscriptionEvents.planAndStatus(jdbc, userId)).containsExactly("pro/active");
    assertThat(timesRecorded(event)).isEqualTo(1);
  }

  @Test
  void anEventOlderThanTheOneAppliedChangesNothing() {
    deliver("customer.subscription.updated", sub("past_due"), t0.plusSeconds(10));

    deliver("customer.subscription.created", sub("active"), t0);

    assertThat(status()).isEqualTo("past_due");
    assertThat(SubscriptionEvents.planAndStatus(jdbc, userId)).containsExactly("pro/past_due");
  }

  @Test
  void eventsOfTheSameSecondAreAllApplied() {
    deliver("customer.subscription.created", sub("active"), t0);
    ObjectNode cancelling = sub("active");
    cancelling.put("cancel_at_period_end", true);

    deliver("customer.subscription.updated", cancelling, t0);

    assertThat(
            http.get("/api/v1/billing/subscription", TestTokens.user(userId))
                .data()
                .path("cancelAtPeriodEnd")
                .asBoolean())
        .isTrue();
  }

  @Test
  void anOldInvoiceFailureAfterARecoveryChangesNothing() {
    deliver("customer.subscription.updated", sub("active"), t0.plusSeconds(20));

    deliver(
        "invoice.payment_failed",
        StripeWebhooks.invoice("invoice-payment_failed.json", subscriptionId),
        t0.plusSeconds(5));

    assertThat(status()).isEqualTo("active");
  }

  @Test
  void aSubscriptionWithoutMetadataBeforeItsCheckoutLandsOnTheRightUser() {
    ObjectNode fromTheDashboard =
        StripeWebhooks.subscription(
            subscriptionId, customerId, null, StripeStandIn.PRICE_PRO, "active");
    deliver("customer.subscription.created", fromTheDashboard, t0);
    assertThat(SubscriptionEvents.of(jdbc, userId)).isEmpty();

    deliver(
        "checkout.session.completed",
        StripeWebhooks.checkoutSession(customerId, subscriptionId, userId),
        t0);

    assertThat(status()).isEqualTo("active");
    assertThat(SubscriptionEvents.planAndStatus(jdbc, userId)).containsExactly("pro/active");
    assertThat(
            jdbc.sql("select user_id from customers where customer_id = :c")
                .param("c", customerId)
                .query(UUID.class)
                .single())
        .isEqualTo(userId);
  }

  @Test
  void aSubscriptionWithMetadataBeforeItsCheckoutLandsOnTheRightUser() {
    deliver("customer.subscription.created", sub("active"), t0);
    deliver(
        "checkout.session.completed",
        StripeWebhooks.checkoutSession(customerId, subscriptionId, userId),
        t0);

    assertThat(status()).isEqualTo("active");
    assertThat(SubscriptionEvents.planAndStatus(jdbc, userId)).containsExactly("pro/active");
  }

  @Test
  void aLaterSubscriptionOfAKnownCustomerWithoutMetadataIsMappedByTheCustomer() {
    deliver(
        "checkout.session.completed", StripeWebhooks.checkoutSession(customerId, null, userId), t0);

    deliver(
        "customer.subscription.created",
        StripeWebhooks.subscription(
            subscriptionId, customerId, null, StripeStandIn.PRICE_TEAM, "active"),
        t0);

    assertThat(SubscriptionEvents.planAndStatus(jdbc, userId)).containsExactly("team/active");
  }

  @Test
  void anEventOfAnotherApiVersionIsStillApplied() {
    ObjectNode subscription = sub("active");
    // An endpoint created under an older API version still carries the period on the subscription.
    ((ObjectNode) subscription.path("items").path("data").path(0)).remove("current_period_end");
    subscription.put("current_period_end", t0.plusSeconds(86_400).getEpochSecond());
    String event =
        StripeWebhooks.event("customer.subscription.created", subscription, t0)
            .replace("2026-07-29.dahlia", "2025-03-31.basil");

    assertThat(stripe.deliver(event).status()).isEqualTo(200);

    assertThat(status()).isEqualTo("active");
    assertThat(
            Instant.parse(
                http.get("/api/v1/billing/subscription", TestTokens.user(userId))
                    .data()
                    .path("currentPeriodEnd")
                    .asString()))
        .isEqualTo(t0.plusSeconds(86_400));
  }

  @Test
  void unknownFieldsInStripesObjectsAreIgnored() {
    ObjectNode subscription = sub("active");
    subscription.put("a_field_stripe_adds_next_year", "whatever");
    subscription.putObject("another_one").put("nested", 1);

    deliver("customer.subscription.created", subscription, t0);

    assertThat(status()).isEqualTo("active");
  }

  private ObjectNode sub(String status) {
    return StripeWebhooks.subscription(
        subscriptionId, customerId, userId, StripeStandIn.PRICE_PRO, status);
  }

  private void deliver(String type, ObjectNode object, Instant created) {
    HttpApi.Response response = stripe.deliver(StripeWebhooks.event(type, object, created));
    assertThat(response.status()).as(type + ": " + response).isEqualTo(200);
  }

  private String status() {
    return http.get("/api/v1/billing/subscription", TestTokens.user(userId))
        .data()
        .path("status")
        .asString();
  }

  private long timesRecorded(String event) {
    return jdbc.sql("select count(*) from webhook_events where event_id = :id")
        .param("id", StripeWebhooks.idOf(event))
        .query(Long.class)
        .single();
  }
}
