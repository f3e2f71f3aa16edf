package com.acme.saas.auth.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.events.UserRoleChanged;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectRegisteredUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.RegisteredUser;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What user-service's UserDeleted and UserRoleChanged do here, including redelivery. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ErasureAndRoleChangeTests {

  private static final Duration PROPAGATION = Duration.ofSeconds(20);

  @Autowired JdbcClient jdbc;
  @InjectApi AuthClient auth;
  @InjectRegisteredUser RegisteredUser user;

  @Test
  void userDeletedErasesCredentialsAndEverySession() {
    auth.loggedIn(user.email(), AuthClient.PASSWORD);
    auth.login(user.email(), "Wrong-Password-1");

    SuiteEvents.publish("user-service", new UserDeleted(user.id()));

    await().atMost(PROPAGATION).until(() -> count("accounts", "id", user.id()) == 0);
    assertThat(count("refresh_tokens", "user_id", user.id())).isZero();
    assertThat(
            jdbc.sql("select count(*) from login_failures where email_normalized = :email")
                .param("email", user.email())
                .query(Long.class)
                .single())
        .isZero();
    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(401);
    assertThat(auth.refresh(user.refreshToken()).status()).isEqualTo(401);
  }

  @Test
  void aRedeliveredUserDeletedIsHarmless() {
    UserDeleted event = new UserDeleted(user.id());
    EventEnvelope envelope = SuiteEvents.publish("user-service", event);
    await().atMost(PROPAGATION).until(() -> count("accounts", "id", user.id()) == 0);
    // the same email registers again; the redelivered event must not touch the new account
    auth.registered(user.email());

    SuiteEvents.publish("user-service", event, envelope);
    EventEnvelope marker = SuiteEvents.publish("user-service", new UserDeleted(UUID.randomUUID()));

    await().atMost(PROPAGATION).until(() -> processed(marker.eventId()));
    assertThat(
            jdbc.sql("select count(*) from processed_events where event_id = :id")
                .param("id", envelope.eventId())
                .query(Long.class)
                .single())
        .isOne();
    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void userDeletedForAnUnknownUserIsHarmless() {
    EventEnvelope envelope =
        SuiteEvents.publish("user-service", new UserDeleted(UUID.randomUUID()));

    await().atMost(PROPAGATION).until(() -> processed(envelope.eventId()));
    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void userRoleChangedUpdatesTheRoleAndEndsEverySession() throws Exception {
    SuiteEvents.publish("user-service", new UserRoleChanged(user.id(), "ADMIN"));

    await().atMost(PROPAGATION).until(() -> "ADMIN".equals(role()));
    assertThat(auth.refresh(user.refreshToken()).status()).isEqualTo(401);
    String token = auth.loggedIn(user.email(), AuthClient.PASSWORD).path("accessToken").asString();
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("role")).isEqualTo("ADMIN");
  }

  private String role() {
    return jdbc.sql("select role from accounts where id = :id")
        .param("id", user.id())
        .query(String.class)
        .single();
  }

  private boolean processed(UUID eventId) {
    return jdbc.sql("select count(*) from processed_events where event_id = :id")
            .param("id", eventId)
            .query(Long.class)
            .single()
        == 1;
  }

  private long count(String table, String column, UUID id) {
    return jdbc.sql("select count(*) from " + table + " where " + column + " = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }
}
