package com.acme.saas.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.billing.StripeStandIn;
import com.acme.saas.billing.StripeWebhooks;
import com.acme.saas.billing.SubscriptionEvents;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.Topics;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.KafkaTestClient;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestUser;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What each handled event does to {@code GET /billing/subscription} and to SubscriptionChanged. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SubscriptionLifecycleTests {

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    StripeStandIn.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @InjectApi HttpApi http;
  @InjectUser TestUser user;
  StripeWebhooks stripe;
  String subscriptionId;
  String customerId;
  Instant clock;
  Instant periodEnd;

  @BeforeEach
  void setUp() {
    stripe = new StripeWebhooks(port);
    subscriptionId = StripeWebhooks.newId("sub_");
    customerId = StripeWebhooks.newId("cus_");
    clock = Instant.now().minusSeconds(3600);
    periodEnd = clock.plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  @Test
  void beforeAnySubscriptionTheUserIsFreeWithStatusNone() {
    JsonNode view = subscription();

    assertThat(view.path("plan").asString()).isEqualTo("free");
    assertThat(view.path("status").asString()).isEqualTo("none");
    assertThat(view.path("cancelAtPeriodEnd").asBoolean()).isFalse();
  }

  @Test
  void aCreatedActiveSubscriptionShowsItsPlanAndPeriodAndTellsTheSuite() {
    ObjectNode subscription = sub(StripeStandIn.PRICE_PRO, "active");
    deliver("customer.subscription.created", subscription);

    JsonNode view = subscription();
    assertThat(view.path("plan").asString()).isEqualTo("pro");
    assertThat(view.path("status").asString()).isEqualTo("active");
    long periodEnd =
        subscription.path("items").path("data").path(0).path("current_period_end").asLong();
    assertThat(Instant.parse(view.path("currentPeriodEnd").asString()))
        .isEqualTo(Instant.ofEpochSecond(periodEnd));
    JsonNode event = SubscriptionEvents.of(jdbc, user.id()).getLast();
    assertThat(event.path("plan").asString()).isEqualTo("pro");
    assertThat(event.path("status").asString()).isEqualTo("active");
    assertThat(Instant.parse(event.path("currentPeriodEnd").asString()))
        .isEqualTo(Instant.ofEpochSecond(periodEnd));
    assertThat(event.path("cancelAtPeriodEnd").asBoolean()).isFalse();
  }

  @Test
  void theChangeReachesKafkaKeyedByTheUser() {
    deliver("customer.subscription.created", sub(StripeStandIn.PRICE_TEAM, "active"));

    var record =
        KafkaTestClient.shared()
            .awaitRecord(
                Topics.SUBSCRIPTION_EVENTS,
                Duration.ofSeconds(20),
                r -> user.id().toString().equals(r.key()));
    EventEnvelope envelope = SuiteEvents.envelope(record);
    assertThat(envelope.type()).isEqualTo("SubscriptionChanged");
    assertThat(envelope.producer()).isEqualTo("billing-service");
    assertThat(envelope.payload().path("plan").asString()).isEqualTo("team");
  }

  @Test
  void aFailedRenewalMakesItPastDueAndAPaidInvoiceActiveAgain() {
    deliver("customer.subscription.created", sub(StripeStandIn.PRICE_PRO, "active"));

    deliver(
        "invoice.payment_failed",
        StripeWebhooks.invoice("invoice-payment_failed.json", subscriptionId));
    assertThat(subscription().path("status").asString()).isEqualTo("past_due");
    assertThat(subscription().path("plan").asString()).isEqualTo("pro");

    deliver("invoice.paid", StripeWebhooks.invoice("invoice-paid.json", subscriptionId));
    assertThat(subscription().path("status").asString()).isEqualTo("active");
    assertThat(SubscriptionEvents.planAndStatus(jdbc, user.id()))
        .containsExactly("pro/active", "pro/past_due", "pro/active");
  }

  @Test
  void aPaymentThatNeedsTheCustomerToActMakesARenewalPastDue() {
    deliver("customer.subscription.created", sub(StripeStandIn.PRICE_PRO, "active"));

    deliver(
        "invoice.payment_action_required",
        StripeWebhooks.invoice("invoice-payment_failed.json", subscriptionId));

    assertThat(subscription().path("status").asString()).isEqualTo("past_due");
  }

  @Test
  void aScheduledCancellationShowsWhenItEnds() {
    deliver("customer.subscription.created", sub(StripeStandIn.PRICE_PRO, "active"));
    ObjectNode cancelling = sub(StripeStandIn.PRICE_PRO, "active");
    long periodEnd =
        cancelling.path("items").path("data").path(0).path("current_period_end").asLong();
    cancelling.put("cancel_at_period_end", true);
    cancelling.put("cancel_at", periodEnd);

    deliver("customer.subscription.updated", cancelling);

    JsonNode view = subscription();
    assertThat(view.path("status").asString()).isEqualTo("active");
    assertThat(view.path("cancelAtPeriodEnd").asBoolean()).isTrue();
    assertThat(Instant.parse(view.path("cancelAt").asString()))
        .isEqualTo(Instant.ofEpochSecond(periodEnd));
    assertThat(
            SubscriptionEvents.of(jdbc, user.id()).getLast().path("cancelAtPeriodEnd").asBoolean())
        .isTrue();
  }

  @Test
  void aCancelAtAloneIsShownToo() {
    ObjectNode flexible = sub(StripeStandIn.PRICE_PRO, "active");
    flexible.put("cancel_at", Instant.now().plus(Duration.ofDays(10)).getEpochSecond());
    deliver("customer.subscription.created", flexible);

    assertThat(subscription().path("cancelAt").isNull()).isFalse();
    assertThat(subscription().path("cancelAtPeriodEnd").asBoolean()).isFalse();
  }

  @Test
  void anEndedSubscriptionShowsCanceledAndTheUserIsFreeEverywhere() {
    deliver("customer.subscription.created", sub(StripeStandIn.PRICE_PRO, "active"));

    deliver("customer.subscription.deleted", sub(StripeStandIn.PRICE_PRO, "canceled"));

    assertThat(subscription().path("status").asString()).isEqualTo("canceled");
    assertThat(SubscriptionEvents.planAndStatus(jdbc, user.id()))
        .containsExactly("pro/active", "pro/canceled");
  }

  @Test
  void aDeletedCustomerCancelsItsSubscriptions() {
    deliver("customer.subscription.created", sub(StripeStandIn.PRICE_PRO, "active"));

    deliver("customer.deleted", StripeWebhooks.customer(customerId));

    assertThat(subscription().path("status").asString()).isEqualTo("canceled");
    assertThat(
            jdbc.sql("select count(*) from customers where customer_id = :c")
                .param("c", customerId)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void trialingEntitlesAndIncompleteDoesNot() {
    deliver("customer.subscription.created", sub(StripeStandIn.PRICE_TEAM, "incomplete"));
    deliver("customer.subscription.updated", sub(StripeStandIn.PRICE_TEAM, "trialing"));

    assertThat(SubscriptionEvents.planAndStatus(jdbc, user.id()))
        .containsExactly("team/incomplete", "team/trialing");
    assertThat(SubscriptionEvents.of(jdbc, user.id()).stream().map(p -> effectivePlan(p)).toList())
        .containsExactly("free", "team");
  }

  @Test
  void everyStatusOfStripeIsShownAsItIs() {
    for (String status :
        new String[] {
          "incomplete",
          "incomplete_expired",
          "trialing",
          "active",
          "past_due",
          "unpaid",
          "paused",
          "canceled"
        }) {
      deliver("customer.subscription.updated", sub(StripeStandIn.PRICE_PRO, status));
      assertThat(subscription().path("status").asString()).isEqualTo(status);
    }
  }

  @Test
  void aPriceWeDoNotSellCountsAsFree() {
    deliver("customer.subscription.created", sub("price_made_in_the_dashboard", "active"));

    assertThat(subscription().path("plan").asString()).isEqualTo("free");
  }

  @Test
  void anUpdateThatChangesNothingTheUserSeesWritesNoEvent() {
    deliver("customer.subscription.created", sub(StripeStandIn.PRICE_PRO, "active"));
    ObjectNode same = sub(StripeStandIn.PRICE_PRO, "active");
    same.put("description", "renamed in the Dashboard");
    deliver("customer.subscription.updated", same);

    assertThat(SubscriptionEvents.of(jdbc, user.id())).hasSize(1);
  }

  @Test
  void theRouteNeedsAToken() {
    assertThat(http.get("/api/v1/billing/subscription", null).errorCode())
        .isEqualTo("TOKEN_MISSING");
  }

  private static String effectivePlan(JsonNode payload) {
    String status = payload.path("status").asString();
    return status.equals("active") || status.equals("trialing")
        ? payload.path("plan").asString()
        : "free";
  }

  private ObjectNode sub(String price, String status) {
    ObjectNode subscription =
        StripeWebhooks.subscription(subscriptionId, customerId, user.id(), price, status);
    // Keep the period fixed across the deliveries of one test.
    ObjectNode item = (ObjectNode) subscription.path("items").path("data").path(0);
    item.put("current_period_end", periodEnd.getEpochSecond());
    return subscription;
  }

  /** Delivers an event one second after the previous one, and expects it acknowledged. */
  private void deliver(String type, ObjectNode object) {
    clock = clock.plusSeconds(1);
    HttpApi.Response response = stripe.deliver(StripeWebhooks.event(type, object, clock));
    assertThat(response.status()).as(type + ": " + response).isEqualTo(200);
  }

  private JsonNode subscription() {
    HttpApi.Response response = http.get("/api/v1/billing/subscription", user.token());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.data();
  }
}
