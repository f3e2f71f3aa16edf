package com.acme.saas.auth.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.auth.MovableTime;
import com.acme.saas.auth.TestMailServer;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestClock;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(MovableTime.class)
class PasswordResetTests {

  static final String NEW_PASSWORD = "Brand-New-Staple-7";
  static final String RESET_SUBJECT = "Reset your";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  AuthClient auth;
  TestMailServer mail = TestMailServer.shared();
  String email;

  @BeforeEach
  void setUp() {
    clock.reset();
    auth = new AuthClient(port);
    email = AuthClient.newEmail();
    auth.registered(email);
  }

  @Test
  void theMailedTokenSetsTheNewPassword() {
    assertThat(requestReset(email).status()).isEqualTo(202);
    MimeMessage message = mail.awaitMessage(email, RESET_SUBJECT);
    assertThat(TestMailServer.body(message, "text/plain"))
        .contains("/reset-password?token=")
        .contains("30 minutes");

    HttpApi.Response confirmed = confirm(TestMailServer.token(message), NEW_PASSWORD);

    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);
    assertThat(auth.login(email, NEW_PASSWORD).status()).isEqualTo(200);
    assertThat(auth.login(email, AuthClient.PASSWORD).status()).isEqualTo(401);
  }

  @Test
  void anUnknownAddressGetsTheSameAnswerAndNoMail() {
    String unknown = AuthClient.newEmail();

    HttpApi.Response known = requestReset(email);
    HttpApi.Response stranger = requestReset(unknown);

    assertThat(stranger.status()).isEqualTo(known.status()).isEqualTo(202);
    assertThat(stranger.text()).isEqualTo(known.text());
    mail.awaitMessage(email, RESET_SUBJECT);
    awaitRequestsTaken();
    assertThat(mail.messagesTo(unknown)).isEmpty();
    assertThat(
            jdbc.sql("select count(*) from mail_queue where recipient = :r")
                .param("r", unknown)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aResetEndsEverySessionAndClearsTheLockout() {
    JsonNode first = auth.loggedIn(email, AuthClient.PASSWORD);
    JsonNode second = auth.loggedIn(email, AuthClient.PASSWORD);
    for (int i = 0; i < 10; i++) {
      auth.login(email, "Wrong-Password-1");
    }
    assertThat(auth.login(email, AuthClient.PASSWORD).status()).isEqualTo(423);

    requestReset(email);
    assertThat(
            confirm(TestMailServer.token(mail.awaitMessage(email, RESET_SUBJECT)), NEW_PASSWORD)
                .status())
        .isEqualTo(204);

    assertThat(auth.refresh(first.path("refreshToken").asString()).errorCode())
        .isEqualTo("TOKEN_INVALID");
    assertThat(auth.refresh(second.path("refreshToken").asString()).errorCode())
        .isEqualTo("TOKEN_INVALID");
    assertThat(auth.login(email, NEW_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aTokenWorksOnce() {
    requestReset(email);
    String token = TestMailServer.token(mail.awaitMessage(email, RESET_SUBJECT));
    confirm(token, NEW_PASSWORD);

    HttpApi.Response again = confirm(token, "Another-Fresh-Pass-8");

    assertTokenInvalid(again);
    assertThat(auth.login(email, NEW_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aNewerResetKillsTheEarlierToken() {
    requestReset(email);
    String earlier = TestMailServer.token(mail.awaitMessages(email, RESET_SUBJECT, 1).getFirst());
    requestReset(email);
    String later = TestMailServer.token(mail.awaitMessages(email, RESET_SUBJECT, 2).get(1));

    assertTokenInvalid(confirm(earlier, NEW_PASSWORD));
    assertThat(confirm(later, NEW_PASSWORD).status()).isEqualTo(204);
  }

  @Test
  void anExpiredTokenIsRefused() {
    requestReset(email);
    String token = TestMailServer.token(mail.awaitMessage(email, RESET_SUBJECT));
    clock.advance(Duration.ofMinutes(30).plusSeconds(1));

    assertTokenInvalid(confirm(token, NEW_PASSWORD));
    assertThat(auth.login(email, AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aTokenStillWorksInTheLastMinuteOfItsHalfHour() {
    requestReset(email);
    String token = TestMailServer.token(mail.awaitMessage(email, RESET_SUBJECT));
    clock.advance(Duration.ofMinutes(29));

    assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
    assertThat(auth.login(email, NEW_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void theTokenIsStoredOnlyAsItsHashForThirtyMinutes() {
    requestReset(email);
    String token = TestMailServer.token(mail.awaitMessage(email, RESET_SUBJECT));

    Map<String, Object> stored =
        jdbc.sql(
                """
                select token_hash, extract(epoch from expires_at - created_at)::int as lifetime
                  from account_tokens where purpose = 'PASSWORD_RESET' and user_id = (
                    select id from accounts where email_normalized = :email)
                """)
            .param("email", email.toLowerCase(Locale.ROOT))
            .query()
            .singleRow();
    assertThat((byte[]) stored.get("token_hash"))
        .as("only the SHA-256 of the mailed token is stored")
        .isEqualTo(DigestUtils.sha256(token));
    assertThat(stored.get("lifetime")).isEqualTo(30 * 60);
  }

  @Test
  void anUnknownTokenIsRefused() {
    assertTokenInvalid(confirm("A".repeat(43), NEW_PASSWORD));
  }

  @Test
  void aWeakNewPasswordIsRefusedAndTheTokenStillWorks() {
    requestReset(email);
    String token = TestMailServer.token(mail.awaitMessage(email, RESET_SUBJECT));

    HttpApi.Response weak = confirm(token, "Password1");

    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(weak.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("newPassword");
    assertThat(auth.login(email, AuthClient.PASSWORD).status()).isEqualTo(200);
    assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
  }

  @Test
  void anAddressGetsAtMostThreeResetMailsAnHour() {
    for (int i = 0; i < 5; i++) {
      assertThat(requestReset(email).status()).isEqualTo(202);
    }

    awaitRequestsTaken();
    await().atMost(Duration.ofSeconds(10)).until(() -> queued(email) == 0);
    assertThat(
            mail.messagesTo(email).stream()
                .filter(m -> TestMailServer.subject(m).contains(RESET_SUBJECT)))
        .hasSize(3);
  }

  @Test
  void theAddressIsToldItsPasswordChanged() {
    requestReset(email);
    confirm(TestMailServer.token(mail.awaitMessage(email, RESET_SUBJECT)), NEW_PASSWORD);

    MimeMessage notice = mail.awaitMessage(email, "password was changed");

    assertThat(TestMailServer.body(notice, "text/plain"))
        .contains("was changed")
        .doesNotContain("token=");
  }

  @Test
  void aRequestWithoutAnEmailIsAValidationError() {
    HttpApi.Response response =
        auth.http().post("/api/v1/auth/password-reset", null, Map.of("email", " "));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  private HttpApi.Response requestReset(String address) {
    return auth.http().post("/api/v1/auth/password-reset", null, Map.of("email", address));
  }

  private HttpApi.Response confirm(String token, String newPassword) {
    return auth.http()
        .post(
            "/api/v1/auth/password-reset/confirm",
            null,
            Map.of("token", token, "newPassword", newPassword));
  }

  private void assertTokenInvalid(HttpApi.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  private void awaitRequestsTaken() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql("select count(*) from password_reset_requests")
                        .query(Integer.class)
                        .single()
                    == 0);
  }

  private int queued(String recipient) {
    return jdbc.sql("select count(*) from mail_queue where recipient = :r")
        .param("r", recipient)
        .query(Integer.class)
        .single();
  }
}
