package com.acme.saas.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * UserDeleted erases the TOTP secret, the recovery codes and open login challenges with the
 * account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TotpErasureTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void userDeletedErasesEveryTotpRowOfTheUser() {
    AuthClient auth = new AuthClient(port);
    String email = AuthClient.newEmail();
    JsonNode session = auth.registered(email);
    UUID userId = UUID.fromString(session.path("user").path("id").asString());
    auth.totpOn(session.path("accessToken").asString());
    auth.challenge(email, AuthClient.PASSWORD);
    assertThat(count("totp_credentials", userId)).isOne();
    assertThat(count("totp_recovery_codes", userId)).isEqualTo(10);
    assertThat(count("login_challenges", userId)).isOne();

    SuiteEvents.publish("user-service", new UserDeleted(userId));

    await().atMost(Duration.ofSeconds(20)).until(() -> count("accounts", userId) == 0);
    assertThat(count("totp_credentials", userId)).isZero();
    assertThat(count("totp_recovery_codes", userId)).isZero();
    assertThat(count("login_challenges", userId)).isZero();
  }

  private long count(String table, UUID userId) {
    String column = table.equals("accounts") ? "id" : "user_id";
    return jdbc.sql("select count(*) from " + table + " where " + column + " = :id")
        .param("id", userId)
        .query(Long.class)
        .single();
  }
}
