package com.acme.saas.user.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.EmailVerified;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.common.events.UserRegistered;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** auth-service's EmailVerified on the profile, in the user's and the admins' views. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class EmailVerifiedTests {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void aRegisteredUserIsUnverifiedUntilAuthServiceSaysSo() {
    UUID userId = UUID.randomUUID();
    HttpApi http = HttpApi.local(port);
    SuiteEvents.publish(
        "auth-service", new UserRegistered(userId, "ada@example.com", "Ada", "USER"));
    await().atMost(WAIT).until(() -> profileExists(userId));
    assertThat(
            http.get("/api/v1/users/me", TestTokens.user(userId))
                .data()
                .path("emailVerified")
                .asBoolean())
        .isFalse();

    SuiteEvents.publish("auth-service", new EmailVerified(userId));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        http.get("/api/v1/users/me", TestTokens.user(userId))
                            .data()
                            .path("emailVerified")
                            .asBoolean())
                    .isTrue());
    assertThat(
            http.get("/api/v1/users/" + userId, TestTokens.admin(UUID.randomUUID()))
                .data()
                .path("emailVerified")
                .asBoolean())
        .isTrue();
  }

  @Test
  void aVerificationBeforeTheProfileIsKeptForIt() {
    UUID userId = UUID.randomUUID();

    SuiteEvents.publish("auth-service", new EmailVerified(userId));
    await().atMost(WAIT).until(() -> pendingVerifications(userId) == 1);
    SuiteEvents.publish(
        "auth-service", new UserRegistered(userId, "bob@example.com", "Bob", "USER"));
    await().atMost(WAIT).until(() -> profileExists(userId));

    assertThat(
            HttpApi.local(port)
                .get("/api/v1/users/me", TestTokens.user(userId))
                .data()
                .path("emailVerified")
                .asBoolean())
        .isTrue();
    assertThat(pendingVerifications(userId)).isZero();
  }

  @Test
  void aVerificationBeforeAProfileMadeFromTheTokenIsKeptForIt() {
    UUID userId = UUID.randomUUID();

    SuiteEvents.publish("auth-service", new EmailVerified(userId));
    await().atMost(WAIT).until(() -> pendingVerifications(userId) == 1);

    assertThat(
            HttpApi.local(port)
                .get("/api/v1/users/me", TestTokens.user(userId))
                .data()
                .path("emailVerified")
                .asBoolean())
        .isTrue();
  }

  @Test
  void aPlanReportedBeforeTheRegistrationIsKeptForIt() {
    UUID userId = UUID.randomUUID();

    SuiteEvents.publish(
        "billing-service", new SubscriptionChanged(userId, "pro", "active", null, false));
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select count(*) from pending_plans where user_id = :id")
                        .param("id", userId)
                        .query(Long.class)
                        .single()
                    == 1);
    SuiteEvents.publish("auth-service", new UserRegistered(userId, "cy@example.com", "Cy", "USER"));
    await().atMost(WAIT).until(() -> profileExists(userId));

    assertThat(
            HttpApi.local(port)
                .get("/api/v1/users/me", TestTokens.user(userId))
                .data()
                .path("plan")
                .asString())
        .isEqualTo("pro");
  }

  @Test
  void aRedeliveredVerificationChangesNothing() {
    UUID userId = UUID.randomUUID();
    HttpApi http = HttpApi.local(port);
    http.get("/api/v1/users/me", TestTokens.user(userId));
    EventEnvelope envelope = SuiteEvents.publish("auth-service", new EmailVerified(userId));
    await()
        .atMost(WAIT)
        .until(
            () ->
                http.get("/api/v1/users/me", TestTokens.user(userId))
                    .data()
                    .path("emailVerified")
                    .asBoolean());
    String updatedAt =
        http.get("/api/v1/users/me", TestTokens.user(userId)).data().path("updatedAt").asString();

    SuiteEvents.publish("auth-service", new EmailVerified(userId), envelope);
    SuiteEvents.publish("auth-service", new EmailVerified(userId));
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

    assertThat(
            http.get("/api/v1/users/me", TestTokens.user(userId))
                .data()
                .path("updatedAt")
                .asString())
        .isEqualTo(updatedAt);
    assertThat(pendingVerifications(userId)).isZero();
  }

  private boolean profileExists(UUID userId) {
    return jdbc.sql("select count(*) from profiles where id = :id and not provisional")
            .param("id", userId)
            .query(Long.class)
            .single()
        == 1;
  }

  private long pendingVerifications(UUID userId) {
    return jdbc.sql("select count(*) from pending_verifications where user_id = :id")
        .param("id", userId)
        .query(Long.class)
        .single();
  }
}
