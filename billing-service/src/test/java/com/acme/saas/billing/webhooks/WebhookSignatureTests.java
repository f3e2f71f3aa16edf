package com.acme.saas.billing.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.billing.StripeStandIn;
import com.acme.saas.billing.StripeWebhooks;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Only deliveries signed by Stripe over the exact bytes are read; every other one is a 400 that
 * stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class WebhookSignatureTests {

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    StripeStandIn.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  StripeWebhooks webhooks;

  @BeforeEach
  void setUp() {
    webhooks = new StripeWebhooks(port);
  }

  static String validEvent() {
    return StripeWebhooks.event(
        "customer.subscription.created",
        StripeWebhooks.subscription(
            StripeWebhooks.newId("sub_"),
            StripeWebhooks.newId("cus_"),
            UUID.randomUUID(),
            StripeStandIn.PRICE_PRO,
            "active"),
        Instant.now());
  }

  static Stream<Arguments> badDeliveries() {
    String body = validEvent();
    Instant now = Instant.now();
    long t = now.getEpochSecond();
    String v1 = StripeWebhooks.hmac(StripeStandIn.WEBHOOK_SECRET, t + "." + body);
    return Stream.of(
        Arguments.of("no Stripe-Signature header", body, null),
        Arguments.of("an empty header", body, ""),
        Arguments.of(
            "a secret we do not know",
            body,
            StripeWebhooks.signature(body, "whsec_someone_else", now)),
        Arguments.of(
            "a body changed after signing",
            body.replace("active", "canceled"),
            StripeWebhooks.signature(body, StripeStandIn.WEBHOOK_SECRET, now)),
        Arguments.of(
            "a timestamp older than 300 s",
            body,
            StripeWebhooks.signature(
                body, StripeStandIn.WEBHOOK_SECRET, now.minus(Duration.ofSeconds(301)))),
        Arguments.of("only a v0 signature", body, "t=" + t + ",v0=" + v1),
        Arguments.of("a t that is not a number", body, "t=abc,v1=" + v1),
        Arguments.of("a t larger than a long", body, "t=99999999999999999999999,v1=" + v1),
        Arguments.of("an element without '='", body, "t,v1=" + v1),
        Arguments.of("a v1 without '='", body, "t=" + t + ",v1"),
        Arguments.of(
            "a signed body that is not JSON",
            "not json at all",
            StripeWebhooks.signature("not json at all", StripeStandIn.WEBHOOK_SECRET, now)),
        Arguments.of(
            "a signed JSON array",
            "[1,2]",
            StripeWebhooks.signature("[1,2]", StripeStandIn.WEBHOOK_SECRET, now)),
        Arguments.of(
            "a signed object that is no event",
            "{\"hello\":\"world\"}",
            StripeWebhooks.signature("{\"hello\":\"world\"}", StripeStandIn.WEBHOOK_SECRET, now)),
        Arguments.of(
            "a thin event notification",
            thinEvent(),
            StripeWebhooks.signature(thinEvent(), StripeStandIn.WEBHOOK_SECRET, now)));
  }

  private static String thinEvent() {
    return "{\"id\":\"evt_thin_1\",\"object\":\"v2.core.event\",\"type\":\"v1.customer.subscription.updated\",\"created\":\"2026-12-01T10:00:00.000Z\",\"related_object\":{\"id\":\"sub_1\",\"type\":\"subscription\",\"url\":\"/v1/subscriptions/sub_1\"}}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDeliveries")
  void aDeliveryThatIsNotStripesAnswers400AndStoresNothing(
      String why, String body, String signature) {
    long before = storedRows();

    HttpApi.Response response = webhooks.deliver(body, signature);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(response.json().path("error").path("requestId").asString()).isNotBlank();
    assertThat(response.text()).doesNotContain("Exception", "com.stripe", "at com.");
    assertThat(storedRows()).isEqualTo(before);
  }

  @Test
  void aDeliverySignedWithTheCurrentSecretIsApplied() {
    long before = storedRows();

    HttpApi.Response response = webhooks.deliver(validEvent());

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.data().path("received").asBoolean()).isTrue();
    assertThat(storedRows()).isEqualTo(before + 2);
  }

  @Test
  void whileASecretIsRolledASignatureWithEitherSecretPasses() {
    long before = storedRows();
    String signedWithBoth = validEvent();
    Instant now = Instant.now();
    String bothSignatures =
        StripeWebhooks.signature(signedWithBoth, "whsec_not_ours", now)
            + ",v1="
            + StripeWebhooks.hmac(
                StripeStandIn.ROLLED_WEBHOOK_SECRET, now.getEpochSecond() + "." + signedWithBoth);
    String signedWithTheOldOne = validEvent();

    assertThat(webhooks.deliver(signedWithBoth, bothSignatures).status()).isEqualTo(200);
    assertThat(
            webhooks
                .deliver(
                    signedWithTheOldOne,
                    StripeWebhooks.signature(
                        signedWithTheOldOne, StripeStandIn.ROLLED_WEBHOOK_SECRET, now))
                .status())
        .isEqualTo(200);
    assertThat(storedRows()).isEqualTo(before + 4);
  }

  @Test
  void aTimestampInTheFutureIsAccepted() {
    String body = validEvent();

    assertThat(
            webhooks
                .deliver(
                    body,
                    StripeWebhooks.signature(
                        body, StripeStandIn.WEBHOOK_SECRET, Instant.now().plusSeconds(600)))
                .status())
        .isEqualTo(200);
  }

  @Test
  void anEventTypeWeDoNotHandleIsAcknowledgedAndIgnored() {
    long before = storedRows();
    String body =
        StripeWebhooks.event(
            "charge.refunded",
            StripeWebhooks.customer(StripeWebhooks.newId("cus_")),
            Instant.now());

    assertThat(webhooks.deliver(body).status()).isEqualTo(200);
    assertThat(storedRows()).isEqualTo(before);
  }

  /** Applied event ids plus subscriptions: everything a delivery can store. */
  private long storedRows() {
    return jdbc.sql(
            "select (select count(*) from webhook_events) + (select count(*) from subscriptions)")
        .query(Long.class)
        .single();
  }
}
