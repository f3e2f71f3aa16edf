package com.acme.saas.auth.mfa;

import static com.acme.saas.auth.mfa.TotpEnrolmentTests.otherThan;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectRegisteredUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.RegisteredUser;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** POST /auth/login with TOTP on, and POST /auth/login/mfa. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class MfaLoginTests {

  @Autowired JdbcClient jdbc;
  @InjectApi AuthClient auth;
  @InjectRegisteredUser RegisteredUser user;
  AuthClient.TotpOn totp;

  @BeforeEach
  void setUp() {
    totp = auth.totpOn(user.accessToken());
  }

  @Test
  void theRightPasswordAnswersAChallengeAndNoTokens() {
    long sessionsBefore = refreshTokens();

    HttpApi.Response response = auth.login(user.email(), AuthClient.PASSWORD);

    assertThat(response.status()).isEqualTo(200);
    JsonNode data = response.data();
    assertThat(data.path("mfaRequired").asBoolean()).isTrue();
    assertThat(data.path("challenge").asString()).matches("[A-Za-z0-9_-]{43}");
    assertThat(data.has("accessToken")).isFalse();
    assertThat(data.has("refreshToken")).isFalse();
    assertThat(refreshTokens()).isEqualTo(sessionsBefore);
  }

  @Test
  void aWrongPasswordIsStillInvalidCredentials() {
    HttpApi.Response response = auth.login(user.email(), "Wrong-Password-1");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void theChallengeWithACurrentCodeAnswersTheUsualTokenPair() {
    String challenge = auth.challenge(user.email(), AuthClient.PASSWORD);

    HttpApi.Response response = auth.loginMfa(challenge, totp.app().code(1));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode data = response.data();
    assertThat(data.path("user").path("id").asString()).isEqualTo(user.id().toString());
    assertThat(data.path("tokenType").asString()).isEqualTo("Bearer");
    assertThat(data.path("expiresIn").asLong()).isEqualTo(900);
    assertThat(auth.refresh(data.path("refreshToken").asString()).status()).isEqualTo(200);
    assertThat(auth.logoutAll(data.path("accessToken").asString()).status()).isEqualTo(204);
  }

  @Test
  void aCodeAlreadyUsedIsRefused() {
    assertThat(
            auth.loginMfa(auth.challenge(user.email(), AuthClient.PASSWORD), totp.app().code(1))
                .status())
        .isEqualTo(200);

    HttpApi.Response replayed =
        auth.loginMfa(auth.challenge(user.email(), AuthClient.PASSWORD), totp.app().code(1));

    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.errorCode()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void oneCodeSentTwiceAtOnceLogsInOnlyOnce() throws Exception {
    List<String> challenges =
        List.of(
            auth.challenge(user.email(), AuthClient.PASSWORD),
            auth.challenge(user.email(), AuthClient.PASSWORD));
    String code = totp.app().code(1);

    List<Integer> statuses;
    try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
      List<Future<Integer>> answers =
          challenges.stream()
              .map(c -> clients.submit(() -> auth.loginMfa(c, code).status()))
              .toList();
      statuses = List.of(answers.get(0).get(), answers.get(1).get());
    }

    assertThat(statuses).containsExactlyInAnyOrder(200, 401);
  }

  @Test
  void theCodeThatConfirmedTheEnrolmentCannotLogIn() {
    HttpApi.Response response =
        auth.loginMfa(auth.challenge(user.email(), AuthClient.PASSWORD), totp.app().code());

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void aCodeTwoStepsAwayIsRefused() {
    HttpApi.Response response =
        auth.loginMfa(auth.challenge(user.email(), AuthClient.PASSWORD), totp.app().code(3));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void aChallengeIsUsedOnce() {
    String challenge = auth.challenge(user.email(), AuthClient.PASSWORD);
    assertThat(auth.loginMfa(challenge, totp.app().code(1)).status()).isEqualTo(200);

    HttpApi.Response again = auth.loginMfa(challenge, totp.recoveryCodes().get(0));

    assertThat(again.status()).isEqualTo(401);
    assertThat(again.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void anExpiredChallengeIsRefused() {
    String challenge = auth.challenge(user.email(), AuthClient.PASSWORD);
    jdbc.sql(
            "update login_challenges set expires_at = now() - interval '1 second' where user_id = :id")
        .param("id", user.id())
        .update();

    HttpApi.Response response = auth.loginMfa(challenge, totp.app().code(1));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void anUnknownChallengeIsRefused() {
    HttpApi.Response response = auth.loginMfa("not-a-challenge", totp.app().code(1));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void theChallengeIsStoredOnlyAsItsHash() {
    String challenge = auth.challenge(user.email(), AuthClient.PASSWORD);

    byte[] stored =
        jdbc.sql("select challenge_hash from login_challenges where user_id = :id")
            .param("id", user.id())
            .query(byte[].class)
            .single();

    assertThat(stored)
        .hasSize(32)
        .isEqualTo(org.apache.commons.codec.digest.DigestUtils.sha256(challenge));
  }

  @Test
  void aChallengeLivesFiveMinutes() {
    auth.challenge(user.email(), AuthClient.PASSWORD);

    int lifetime =
        jdbc.sql(
                "select extract(epoch from expires_at - created_at)::int from login_challenges where user_id = :id")
            .param("id", user.id())
            .query(Integer.class)
            .single();

    assertThat(lifetime).isEqualTo(5 * 60);
  }

  @Test
  void aChallengeDiesAfterFiveWrongCodes() {
    String challenge = auth.challenge(user.email(), AuthClient.PASSWORD);
    failCodes(challenge, 5);

    HttpApi.Response response = auth.loginMfa(challenge, totp.app().code(1));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void wrongCodesCountTowardTheAccountsLockoutAndTheRightPasswordDoesNotResetThem() {
    failCodes(auth.challenge(user.email(), AuthClient.PASSWORD), 5);
    String challenge = auth.challenge(user.email(), AuthClient.PASSWORD);
    failCodes(challenge, 4);

    HttpApi.Response tenth = auth.loginMfa(challenge, otherThan(totp.app().code(1)));
    HttpApi.Response locked = auth.login(user.email(), AuthClient.PASSWORD);

    assertThat(tenth.status()).isEqualTo(401);
    assertThat(locked.status()).as(locked.toString()).isEqualTo(423);
    assertThat(locked.errorCode()).isEqualTo("ACCOUNT_LOCKED");
    assertThat(locked.header("Retry-After")).isNotNull();
  }

  @Test
  void aLockedAccountCannotCompleteItsChallenge() {
    String challenge = auth.challenge(user.email(), AuthClient.PASSWORD);
    for (int i = 0; i < 10; i++) {
      assertThat(auth.login(user.email(), "Wrong-Password-1").status()).isEqualTo(401);
    }

    HttpApi.Response response = auth.loginMfa(challenge, totp.app().code(1));

    assertThat(response.status()).isEqualTo(423);
    assertThat(response.errorCode()).isEqualTo("ACCOUNT_LOCKED");
  }

  @Test
  void theSecondFactorSucceedingForgetsTheFailures() {
    failCodes(auth.challenge(user.email(), AuthClient.PASSWORD), 4);

    assertThat(
            auth.loginMfa(auth.challenge(user.email(), AuthClient.PASSWORD), totp.app().code(1))
                .status())
        .isEqualTo(200);

    assertThat(
            jdbc.sql("select count(*) from login_failures where email_normalized = :email")
                .param("email", user.email())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aRecoveryCodeLogsInOnceTypedInAnyCaseWithOrWithoutDashes() {
    String recoveryCode = totp.recoveryCodes().get(2);

    HttpApi.Response first =
        auth.loginMfa(
            auth.challenge(user.email(), AuthClient.PASSWORD),
            recoveryCode.toLowerCase().replace("-", ""));
    HttpApi.Response again =
        auth.loginMfa(auth.challenge(user.email(), AuthClient.PASSWORD), recoveryCode);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.data().path("accessToken").asString()).isNotBlank();
    assertThat(again.status()).isEqualTo(401);
    assertThat(again.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(
            auth.loginMfa(
                    auth.challenge(user.email(), AuthClient.PASSWORD), totp.recoveryCodes().get(3))
                .status())
        .isEqualTo(200);
  }

  @Test
  void anotherAccountsRecoveryCodeIsRefused() {
    String other = AuthClient.newEmail();
    AuthClient.TotpOn othersTotp =
        auth.totpOn(auth.registered(other).path("accessToken").asString());

    HttpApi.Response response =
        auth.loginMfa(
            auth.challenge(user.email(), AuthClient.PASSWORD), othersTotp.recoveryCodes().get(0));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void missingFieldsAreValidationErrors() {
    HttpApi.Response response =
        auth.http().post("/api/v1/auth/login/mfa", null, java.util.Map.of("challenge", "x"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  private void failCodes(String challenge, int times) {
    String wrong = otherThan(totp.app().code(1));
    for (int i = 0; i < times; i++) {
      HttpApi.Response response = auth.loginMfa(challenge, wrong);
      assertThat(response.status()).as("wrong code %d: %s", i + 1, response).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    }
  }

  private long refreshTokens() {
    return jdbc.sql("select count(*) from refresh_tokens where user_id = :id")
        .param("id", user.id())
        .query(Long.class)
        .single();
  }
}
