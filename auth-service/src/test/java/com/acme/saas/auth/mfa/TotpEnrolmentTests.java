package com.acme.saas.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.testsupport.AuthenticatorApp;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectRegisteredUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.RegisteredUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** POST /auth/mfa/totp, POST /auth/mfa/totp/confirm and DELETE /auth/mfa/totp. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TotpEnrolmentTests {

  private static final String RECOVERY_CODE = "[A-Z2-7]{4}(-[A-Z2-7]{4}){5}";

  @Autowired JdbcClient jdbc;
  @InjectApi AuthClient auth;
  @InjectRegisteredUser RegisteredUser user;

  @Test
  void enrolmentAnswersASecretAndTheOtpauthUriForAuthenticatorApps() {
    HttpApi.Response response = auth.startTotp(user.accessToken());

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    String secret = response.data().path("secret").asString();
    assertThat(secret).matches("[A-Z2-7]{32}");
    assertThat(new Base32().decode(secret)).hasSize(20);
    assertThat(response.data().path("otpauthUri").asString())
        .isEqualTo(
            "otpauth://totp/Acme%20SaaS:"
                + URLEncoder.encode(user.email(), StandardCharsets.UTF_8)
                + "?secret="
                + secret
                + "&issuer=Acme%20SaaS&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void theSecretIsStoredSealedNotAsItIs() {
    String secret = auth.startTotp(user.accessToken()).data().path("secret").asString();

    byte[] stored =
        jdbc.sql("select secret from totp_credentials where user_id = :id")
            .param("id", user.id())
            .query(byte[].class)
            .single();

    // nonce (12) + ciphertext (20) + GCM tag (16)
    assertThat(stored).hasSize(48);
    assertThat(new String(stored, StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(new Base32().decode(secret), StandardCharsets.ISO_8859_1));
  }

  @Test
  void aPendingEnrolmentLeavesLoginAsItWas() {
    auth.startTotp(user.accessToken());

    JsonNode login = auth.loggedIn(user.email(), AuthClient.PASSWORD);

    assertThat(login.path("accessToken").asString()).isNotBlank();
    assertThat(login.has("mfaRequired")).isFalse();
  }

  @Test
  void confirmingWithTheAppsCodeTurnsItOnAndAnswersTenSingleUseRecoveryCodes() {
    AuthenticatorApp app =
        AuthenticatorApp.scan(
            auth.startTotp(user.accessToken()).data().path("otpauthUri").asString());

    HttpApi.Response confirmed = auth.confirmTotp(user.accessToken(), app.code());

    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    List<String> codes =
        confirmed.data().path("recoveryCodes").valueStream().map(JsonNode::asString).toList();
    assertThat(codes)
        .hasSize(10)
        .doesNotHaveDuplicates()
        .allMatch(code -> code.matches(RECOVERY_CODE));
    List<byte[]> stored =
        jdbc.sql("select code_hash from totp_recovery_codes where user_id = :id")
            .param("id", user.id())
            .query(byte[].class)
            .list();
    assertThat(stored).hasSize(10).allMatch(hash -> hash.length == 32);
    assertThat(auth.login(user.email(), AuthClient.PASSWORD).data().path("mfaRequired").asBoolean())
        .isTrue();
  }

  @Test
  void aWrongCodeDoesNotConfirmAndChangesNothing() {
    AuthenticatorApp app =
        AuthenticatorApp.scan(
            auth.startTotp(user.accessToken()).data().path("otpauthUri").asString());

    HttpApi.Response refused = auth.confirmTotp(user.accessToken(), otherThan(app.code()));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(auth.loggedIn(user.email(), AuthClient.PASSWORD).path("accessToken").asString())
        .isNotBlank();
    assertThat(auth.confirmTotp(user.accessToken(), app.code()).status()).isEqualTo(200);
  }

  @Test
  void aCodeThatIsNotSixDigitsIsAValidationError() {
    auth.startTotp(user.accessToken());

    HttpApi.Response refused = auth.confirmTotp(user.accessToken(), "12345a");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(refused.json().path("error").path("details").path(0).path("field").asString())
        .isEqualTo("code");
  }

  @Test
  void confirmingWithoutAPendingEnrolmentIsAValidationError() {
    HttpApi.Response refused = auth.confirmTotp(user.accessToken(), "123456");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void enrollingAgainBeforeConfirmingReplacesTheSecret() {
    AuthenticatorApp first =
        AuthenticatorApp.scan(
            auth.startTotp(user.accessToken()).data().path("otpauthUri").asString());
    AuthenticatorApp second =
        AuthenticatorApp.scan(
            auth.startTotp(user.accessToken()).data().path("otpauthUri").asString());

    assertThat(auth.confirmTotp(user.accessToken(), first.code()).status()).isEqualTo(400);
    assertThat(auth.confirmTotp(user.accessToken(), second.code()).status()).isEqualTo(200);
  }

  @Test
  void enrollingOrConfirmingWhileOnIsAConflict() {
    AuthClient.TotpOn on = auth.totpOn(user.accessToken());

    HttpApi.Response enrolAgain = auth.startTotp(user.accessToken());
    HttpApi.Response confirmAgain = auth.confirmTotp(user.accessToken(), on.app().code(1));

    assertThat(enrolAgain.status()).isEqualTo(409);
    assertThat(enrolAgain.errorCode()).isEqualTo("CONFLICT");
    assertThat(confirmAgain.status()).isEqualTo(409);
    assertThat(confirmAgain.errorCode()).isEqualTo("CONFLICT");
  }

  @Test
  void thePasswordAndACurrentCodeTurnItOff() {
    AuthClient.TotpOn on = auth.totpOn(user.accessToken());

    HttpApi.Response disabled =
        auth.disableTotp(user.accessToken(), AuthClient.PASSWORD, on.app().code(1));

    assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
    assertThat(auth.loggedIn(user.email(), AuthClient.PASSWORD).path("accessToken").asString())
        .isNotBlank();
    assertThat(count("totp_credentials")).isZero();
    assertThat(count("totp_recovery_codes")).isZero();
  }

  @Test
  void aRecoveryCodeInPlaceOfTheCurrentCodeTurnsItOff() {
    AuthClient.TotpOn on = auth.totpOn(user.accessToken());

    assertThat(
            auth.disableTotp(user.accessToken(), AuthClient.PASSWORD, on.recoveryCodes().get(3))
                .status())
        .isEqualTo(204);
    assertThat(auth.loggedIn(user.email(), AuthClient.PASSWORD).path("accessToken").asString())
        .isNotBlank();
  }

  @Test
  void aWrongPasswordDoesNotTurnItOffAndCountsTowardTheLockout() {
    AuthClient.TotpOn on = auth.totpOn(user.accessToken());

    HttpApi.Response refused =
        auth.disableTotp(user.accessToken(), "Wrong-Password-1", on.app().code(1));

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(failures()).isEqualTo(1);
    assertThat(auth.login(user.email(), AuthClient.PASSWORD).data().path("mfaRequired").asBoolean())
        .isTrue();
    // the code was not spent by the refused attempt
    assertThat(auth.disableTotp(user.accessToken(), AuthClient.PASSWORD, on.app().code(1)).status())
        .isEqualTo(204);
  }

  @Test
  void aWrongOrUsedCodeDoesNotTurnItOffAndCountsTowardTheLockout() {
    AuthClient.TotpOn on = auth.totpOn(user.accessToken());

    HttpApi.Response wrong =
        auth.disableTotp(user.accessToken(), AuthClient.PASSWORD, otherThan(on.app().code(1)));
    HttpApi.Response used =
        auth.disableTotp(user.accessToken(), AuthClient.PASSWORD, on.app().code());

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(used.status()).as("the confirming code is used").isEqualTo(401);
    assertThat(failures()).isEqualTo(2);
    assertThat(auth.login(user.email(), AuthClient.PASSWORD).data().path("mfaRequired").asBoolean())
        .isTrue();
  }

  @Test
  void turningOffWhatIsNotOnIsAConflict() {
    HttpApi.Response refused = auth.disableTotp(user.accessToken(), AuthClient.PASSWORD, "123456");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("CONFLICT");
  }

  @Test
  void everyRouteNeedsAnAccessToken() {
    assertThat(auth.startTotp(null).errorCode()).isEqualTo("TOKEN_MISSING");
    assertThat(auth.confirmTotp(null, "123456").errorCode()).isEqualTo("TOKEN_MISSING");
    assertThat(auth.disableTotp(null, AuthClient.PASSWORD, "123456").errorCode())
        .isEqualTo("TOKEN_MISSING");
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table + " where user_id = :id")
        .param("id", user.id())
        .query(Long.class)
        .single();
  }

  private int failures() {
    return jdbc.sql("select failures from login_failures where email_normalized = :email")
        .param("email", user.email().toLowerCase())
        .query(Integer.class)
        .single();
  }

  static String otherThan(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }
}
