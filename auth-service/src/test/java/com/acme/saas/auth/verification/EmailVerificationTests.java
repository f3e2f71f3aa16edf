package com.acme.saas.auth.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.auth.MovableTime;
import com.acme.saas.auth.TestMailServer;
import com.acme.saas.common.events.EmailVerified;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.Topics;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
class EmailVerificationTests {

  static final String SUBJECT = "Confirm your email address";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  AuthClient auth;
  TestMailServer mail = TestMailServer.shared();
  String email;
  JsonNode session;
  UUID userId;

  @BeforeEach
  void setUp() {
    clock.reset();
    auth = new AuthClient(port);
    email = AuthClient.newEmail();
    session = auth.registered(email);
    userId = UUID.fromString(session.path("user").path("id").asString());
  }

  @Test
  void theRegistrationMailVerifiesTheAddressOnceAndTellsTheSuite() {
    String token = TestMailServer.token(mail.awaitMessage(email, SUBJECT));

    HttpApi.Response verified = verify(token);

    assertThat(verified.status()).as(verified.toString()).isEqualTo(204);
    assertThat(verifiedAt()).isTrue();
    SuiteEvents.awaitEvent("auth-service", EmailVerified.TYPE, userId);
    assertTokenInvalid(verify(token));
    List<EventEnvelope> events = eventsAbout(userId);
    assertThat(events.stream().filter(e -> e.type().equals("EmailVerified"))).hasSize(1);
  }

  @Test
  void anUnknownTokenIsRefused() {
    assertTokenInvalid(verify("A".repeat(43)));
    assertThat(verifiedAt()).isFalse();
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = TestMailServer.token(mail.awaitMessage(email, SUBJECT));
    clock.advance(Duration.ofHours(24).plusSeconds(1));

    assertTokenInvalid(verify(token));
    assertThat(verifiedAt()).isFalse();
  }

  @Test
  void aTokenStillWorksInTheLastMinuteOfItsDay() {
    String token = TestMailServer.token(mail.awaitMessage(email, SUBJECT));
    clock.advance(Duration.ofHours(24).minusMinutes(1));

    assertThat(verify(token).status()).isEqualTo(204);
    assertThat(verifiedAt()).isTrue();
  }

  @Test
  void theLinkIsGoodFor24Hours() {
    mail.awaitMessage(email, SUBJECT);

    Boolean about24h =
        jdbc.sql(
                """
                select expires_at between now() + interval '23 hours 59 minutes' and now() + interval '24 hours'
                  from account_tokens where user_id = :id
                """)
            .param("id", userId)
            .query(Boolean.class)
            .single();
    assertThat(about24h).isTrue();
    assertThat(
            jdbc.sql("select length(token_hash) from account_tokens where user_id = :id")
                .param("id", userId)
                .query(Integer.class)
                .single())
        .as("only the SHA-256 is stored")
        .isEqualTo(32);
  }

  @Test
  void resendMailsANewLinkThatWorks() {
    mail.awaitMessages(email, SUBJECT, 1);

    HttpApi.Response resent = resend();

    assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
    String token = TestMailServer.token(mail.awaitMessages(email, SUBJECT, 2).get(1));
    assertThat(verify(token).status()).isEqualTo(204);
  }

  @Test
  void resendIsLimitedPerUser() {
    assertThat(resend().status()).isEqualTo(202);
    assertThat(resend().status()).isEqualTo(202);

    HttpApi.Response limited = resend();

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(3500L, 3601L);
    mail.awaitMessages(email, SUBJECT, 3);
  }

  @Test
  void theResendLimitLiftsAnHourAfterTheFirstLink() {
    resend();
    resend();
    assertThat(resend().status()).isEqualTo(429);
    mail.awaitMessages(email, SUBJECT, 3);

    clock.advance(Duration.ofHours(1).plusSeconds(1));

    assertThat(resend().status()).isEqualTo(202);
    mail.awaitMessages(email, SUBJECT, 4);
  }

  @Test
  void resendForAVerifiedAddressMailsNothing() {
    verify(TestMailServer.token(mail.awaitMessage(email, SUBJECT)));

    assertThat(resend().status()).isEqualTo(202);

    assertThat(
            jdbc.sql("select count(*) from mail_queue where recipient = :r")
                .param("r", email)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(mail.messagesTo(email)).hasSize(1);
  }

  @Test
  void resendNeedsABearerToken() {
    assertThat(auth.http().post("/api/v1/auth/verify-email/resend", null, null).errorCode())
        .isEqualTo("TOKEN_MISSING");
  }

  @Test
  void aRefusedRegistrationQueuesNoMail() {
    mail.awaitMessage(email, SUBJECT);

    assertThat(auth.register(email.toUpperCase(Locale.ROOT), AuthClient.PASSWORD, "Again").status())
        .isEqualTo(409);

    assertThat(
            jdbc.sql("select count(*) from account_tokens where user_id = :id")
                .param("id", userId)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql("select count(*) from mail_queue where lower(recipient) = lower(:r)")
                .param("r", email)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void anErasedUsersTokensGoWithIt() {
    String token = TestMailServer.token(mail.awaitMessage(email, SUBJECT));

    SuiteEvents.publish("user-service", new UserDeleted(userId));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql("select count(*) from account_tokens where user_id = :id")
                        .param("id", userId)
                        .query(Integer.class)
                        .single()
                    == 0);
    assertTokenInvalid(verify(token));
  }

  @Test
  void byDefaultAnUnverifiedAccountLogsIn() {
    assertThat(auth.login(email, AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  private HttpApi.Response verify(String token) {
    return auth.http().post("/api/v1/auth/verify-email", null, Map.of("token", token));
  }

  private HttpApi.Response resend() {
    return auth.http()
        .post("/api/v1/auth/verify-email/resend", session.path("accessToken").asString(), null);
  }

  private boolean verifiedAt() {
    return jdbc.sql("select email_verified_at is not null from accounts where id = :id")
        .param("id", userId)
        .query(Boolean.class)
        .single();
  }

  private void assertTokenInvalid(HttpApi.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  /** Every event about the user, read up to a marker published after them. */
  private static List<EventEnvelope> eventsAbout(UUID userId) {
    UUID marker = UUID.randomUUID();
    SuiteEvents.publish("test", new UserDeleted(marker));
    return SuiteEvents.readUntil(
            Topics.USER_EVENTS,
            e -> e.payload().path("userId").asString().equals(marker.toString()))
        .stream()
        .filter(e -> e.payload().path("userId").asString().equals(userId.toString()))
        .toList();
  }
}
