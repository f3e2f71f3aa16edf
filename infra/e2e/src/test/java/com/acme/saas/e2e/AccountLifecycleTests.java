package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.testsupport.HttpApi;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Email verification and password reset through the gateway, with the mails read from the local
 * SMTP server as a user would open them.
 */
class AccountLifecycleTests {

  @Test
  void aNewUserVerifiesItsAddressFromTheMail() {
    var session = Suite.register();
    assertThat(me(session.accessToken()).path("emailVerified").asBoolean()).isFalse();

    var mail = LocalMail.awaitMail(session.email(), "Confirm your email address");
    var verified = post("/api/v1/auth/verify-email", null, Map.of("token", mail.token()));

    assertThat(verified.status()).as("%s", verified).isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> me(session.accessToken()).path("emailVerified").asBoolean());
    var again = post("/api/v1/auth/verify-email", null, Map.of("token", mail.token()));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void aForgottenPasswordIsResetFromTheMailAndTheOldSessionsEnd() {
    var session = Suite.register();
    var other = Suite.login(session.email(), session.password()).data();

    var requested = post("/api/v1/auth/password-reset", null, Map.of("email", session.email()));
    assertThat(requested.status()).as("%s", requested).isEqualTo(202);
    var mail = LocalMail.awaitMail(session.email(), "Reset your");
    String newPassword = "Reset-" + UUID.randomUUID().toString().substring(0, 8) + "Z9";
    var confirmed =
        post(
            "/api/v1/auth/password-reset/confirm",
            null,
            Map.of("token", mail.token(), "newPassword", newPassword));

    assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(204);
    assertThat(refresh(session.refreshToken()).errorCode()).isEqualTo("TOKEN_INVALID");
    assertThat(refresh(other.path("refreshToken").asString()).errorCode())
        .isEqualTo("TOKEN_INVALID");
    assertThat(Suite.login(session.email(), session.password()).status()).isEqualTo(401);
    assertThat(Suite.login(session.email(), newPassword).status()).isEqualTo(200);
    assertThat(LocalMail.awaitMail(session.email(), "password was changed").source())
        .doesNotContain("token=");
  }

  @Test
  void aResetForAnUnknownAddressAnswersTheSameAndMailsNothing() {
    String unknown = "e2e-nobody-" + UUID.randomUUID() + "@example.test";

    var requested = post("/api/v1/auth/password-reset", null, Map.of("email", unknown));

    assertThat(requested.status()).isEqualTo(202);
    assertThat(requested.text()).isEmpty();
    await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
    assertThat(LocalMail.to(unknown)).isEmpty();
  }

  @Test
  void aSignedInUserChangesItsPasswordAndItsOtherSessionsEnd() {
    var session = Suite.register();
    var other = Suite.login(session.email(), session.password()).data();
    String newPassword = "Changed-" + UUID.randomUUID().toString().substring(0, 8) + "Q7";

    var changed =
        post(
            "/api/v1/auth/password",
            session.accessToken(),
            Map.of(
                "currentPassword",
                session.password(),
                "newPassword",
                newPassword,
                "refreshToken",
                session.refreshToken()));

    assertThat(changed.status()).as("%s", changed).isEqualTo(204);
    assertThat(refresh(other.path("refreshToken").asString()).errorCode())
        .isEqualTo("TOKEN_INVALID");
    assertThat(refresh(session.refreshToken()).status()).isEqualTo(200);
    assertThat(Suite.login(session.email(), newPassword).status()).isEqualTo(200);
    LocalMail.awaitMail(session.email(), "password was changed");
  }

  private static JsonNode me(String accessToken) {
    return Suite.api().get("/api/v1/users/me", accessToken).data();
  }

  private static HttpApi.Response refresh(String refreshToken) {
    return post("/api/v1/auth/refresh", null, Map.of("refreshToken", refreshToken));
  }

  private static HttpApi.Response post(String path, String accessToken, Object body) {
    return Suite.api()
        .call("POST", path)
        .bearer(accessToken)
        .header("X-Forwarded-For", Suite.clientIp())
        .json(body)
        .send();
  }
}
