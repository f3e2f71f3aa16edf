package com.acme.saas.billing.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.billing.StripeStandIn;
import com.acme.saas.billing.StripeWebhooks;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestUser;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A user buys a plan on Stripe's hosted checkout and manages it in the Customer Portal. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CheckoutTests {

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    StripeStandIn.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @InjectApi HttpApi http;
  @InjectUser TestUser user;

  @Test
  void checkoutCreatesTheCustomerOnceAndASubscriptionSessionForThePlan() {
    HttpApi.Response response = checkout("pro");

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.data().path("id").asString()).startsWith("cs_");
    assertThat(response.data().path("url").asString()).startsWith("http");
    LoggedRequest customer =
        single(StripeStandIn.requests("POST", "/v1/customers", user.id().toString()));
    assertThat(customer.getHeader("Idempotency-Key")).isEqualTo("customer-" + user.id());
    assertThat(form(customer, "email")).isEqualTo("user-" + user.id() + "@example.com");
    assertThat(form(customer, "metadata[userId]")).isEqualTo(user.id().toString());
    LoggedRequest session =
        single(StripeStandIn.requests("POST", "/v1/checkout/sessions", user.id().toString()));
    assertThat(form(session, "mode")).isEqualTo("subscription");
    assertThat(form(session, "customer")).isEqualTo(customerId()).startsWith("cus_");
    assertThat(form(session, "client_reference_id")).isEqualTo(user.id().toString());
    assertThat(form(session, "line_items[0][price]")).isEqualTo(StripeStandIn.PRICE_PRO);
    assertThat(form(session, "line_items[0][quantity]")).isEqualTo("1");
    assertThat(form(session, "subscription_data[metadata][userId]"))
        .isEqualTo(user.id().toString());
    assertThat(form(session, "success_url")).contains("{CHECKOUT_SESSION_ID}");
    assertThat(form(session, "cancel_url")).isNotBlank();
  }

  @Test
  void aSecondCheckoutReusesTheCustomer() {
    assertThat(checkout("pro").status()).isEqualTo(201);
    assertThat(checkout("team").status()).isEqualTo(201);

    assertThat(StripeStandIn.requests("POST", "/v1/customers", user.id().toString())).hasSize(1);
    List<LoggedRequest> sessions =
        StripeStandIn.requests("POST", "/v1/checkout/sessions", user.id().toString());
    assertThat(sessions)
        .hasSize(2)
        .allSatisfy(session -> assertThat(form(session, "customer")).isEqualTo(customerId()));
    assertThat(form(sessions.getLast(), "line_items[0][price]"))
        .isEqualTo(StripeStandIn.PRICE_TEAM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"free", "gold", "PRO", ""})
  void aPlanThatCannotBeBoughtIs400AndReachesNoStripe(String plan) {
    HttpApi.Response response = checkout(plan);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(StripeStandIn.requests("POST", "/v1/customers", user.id().toString())).isEmpty();
  }

  @Test
  void unknownFieldsAndAMissingPlanAre400() {
    assertThat(
            http.post(
                    "/api/v1/billing/checkout-session",
                    user.token(),
                    Map.of("plan", "pro", "price", "price_free"))
                .errorCode())
        .isEqualTo("VALIDATION_ERROR");
    assertThat(http.post("/api/v1/billing/checkout-session", user.token(), Map.of()).errorCode())
        .isEqualTo("VALIDATION_ERROR");
    assertThat(StripeStandIn.requests("POST", "/v1/customers", user.id().toString())).isEmpty();
  }

  @Test
  void aUserWithAnActivePaidPlanIsSentToThePortalInstead() {
    String subscription =
        StripeWebhooks.event(
            "customer.subscription.created",
            StripeWebhooks.subscription(
                StripeWebhooks.newId("sub_"),
                StripeWebhooks.newId("cus_"),
                user.id(),
                StripeStandIn.PRICE_PRO,
                "active"),
            Instant.now());
    assertThat(new StripeWebhooks(port).deliver(subscription).status()).isEqualTo(200);

    HttpApi.Response response = checkout("team");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.errorCode()).isEqualTo("CONFLICT");
    assertThat(StripeStandIn.requests("POST", "/v1/checkout/sessions", user.id().toString()))
        .isEmpty();
  }

  @Test
  void thePortalNeedsACustomer() {
    HttpApi.Response response = http.post("/api/v1/billing/portal-session", user.token(), null);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.errorCode()).isEqualTo("CONFLICT");
    assertThat(response.json().path("error").path("message").asString()).contains("not a customer");
  }

  @Test
  void aCustomerGetsAPortalSession() {
    checkout("pro");

    HttpApi.Response response = http.post("/api/v1/billing/portal-session", user.token(), null);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.data().path("url").asString()).startsWith("http");
    LoggedRequest portal =
        single(StripeStandIn.requests("POST", "/v1/billing_portal/sessions", customerId()));
    assertThat(form(portal, "return_url")).isNotBlank();
  }

  @Test
  void thePlansArePublicAndTheRestNeedsAToken() {
    HttpApi.Response plans = http.get("/api/v1/billing/plans", null);

    assertThat(plans.status()).isEqualTo(200);
    assertThat(plans.data().findValuesAsString("id")).containsExactly("free", "pro", "team");
    assertThat(plans.data().path(0).path("priceId").isNull()).isTrue();
    assertThat(plans.data().path(1).path("priceId").asString()).isEqualTo(StripeStandIn.PRICE_PRO);
    assertThat(plans.data().path(1).path("amount").asLong()).isEqualTo(1500);
    assertThat(plans.data().path(1).path("currency").asString()).isEqualTo("usd");
    assertThat(plans.data().path(1).path("interval").asString()).isEqualTo("month");
    assertThat(
            http.post("/api/v1/billing/checkout-session", null, Map.of("plan", "pro")).errorCode())
        .isEqualTo("TOKEN_MISSING");
    assertThat(http.post("/api/v1/billing/portal-session", null, null).errorCode())
        .isEqualTo("TOKEN_MISSING");
  }

  private HttpApi.Response checkout(String plan) {
    return http.post("/api/v1/billing/checkout-session", user.token(), Map.of("plan", plan));
  }

  private String customerId() {
    return jdbc.sql("select customer_id from customers where user_id = :id")
        .param("id", user.id())
        .query(String.class)
        .single();
  }

  private static String form(LoggedRequest request, String name) {
    return request.formParameter(name).firstValue();
  }

  private static LoggedRequest single(List<LoggedRequest> requests) {
    assertThat(requests).hasSize(1);
    return requests.getFirst();
  }
}
