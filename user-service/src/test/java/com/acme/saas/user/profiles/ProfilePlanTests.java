package com.acme.saas.user.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ProfilePlanTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void profileShowsThePlanOfAnActiveSubscriptionAndFreeOnceItLapses() {
    UUID userId = UUID.randomUUID();
    String token = TestTokens.user(userId);
    HttpApi http = HttpApi.local(port);
    assertThat(http.get("/api/v1/users/me", token).data().path("plan").asString())
        .isEqualTo("free");

    SuiteEvents.publish(
        "billing-service", new SubscriptionChanged(userId, "team", "trialing", null, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(http.get("/api/v1/users/me", token).data().path("plan").asString())
                    .isEqualTo("team"));

    SuiteEvents.publish(
        "billing-service", new SubscriptionChanged(userId, "team", "canceled", null, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(http.get("/api/v1/users/me", token).data().path("plan").asString())
                    .isEqualTo("free"));
  }

  @Test
  void aPlanReportedBeforeTheProfileExistsIsKeptForIt() {
    UUID userId = UUID.randomUUID();

    SuiteEvents.publish(
        "billing-service", new SubscriptionChanged(userId, "pro", "active", null, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql("select count(*) from pending_plans where user_id = :id")
                        .param("id", userId)
                        .query(Long.class)
                        .single()
                    == 1);

    assertThat(
            HttpApi.local(port)
                .get("/api/v1/users/me", TestTokens.user(userId))
                .data()
                .path("plan")
                .asString())
        .isEqualTo("pro");
  }

  /**
   * The suite's one rule: a subscription's plan counts while it is active or trialing, else free.
   */
  @ParameterizedTest(name = "{0} shows {1}")
  @CsvSource({
    "active, pro",
    "trialing, pro",
    "past_due, free",
    "unpaid, free",
    "incomplete, free",
    "incomplete_expired, free",
    "paused, free",
    "canceled, free"
  })
  void everyStripeStatusFollowsTheEffectivePlanRule(String status, String shown) {
    UUID userId = UUID.randomUUID();
    String token = TestTokens.user(userId);
    HttpApi http = HttpApi.local(port);
    assertThat(http.get("/api/v1/users/me", token).data().path("plan").asString())
        .isEqualTo("free");
    SuiteEvents.publish(
        "billing-service", new SubscriptionChanged(userId, "team", "active", null, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "team".equals(http.get("/api/v1/users/me", token).data().path("plan").asString()));

    SuiteEvents.publish(
        "billing-service", new SubscriptionChanged(userId, "pro", status, null, false));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(http.get("/api/v1/users/me", token).data().path("plan").asString())
                    .isEqualTo(shown));
  }
}
