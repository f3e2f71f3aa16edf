package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.AuthenticatorApp;
import com.acme.saas.testsupport.HttpApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * TOTP through the gateway: enrol and confirm with a code computed from the secret as an app would,
 * then the login needs its second step, a code already used is refused, a recovery code works once,
 * and the password with a code turns it off.
 */
class TwoFactorJourneyTests {

  @Test
  void withTotpOnALoginNeedsTheSecondStepAndAReusedCodeIsRefused() {
    var session = Suite.register();
    HttpApi.Response started =
        Suite.api().post("/api/v1/auth/mfa/totp", session.accessToken(), null);
    assertThat(started.status()).as("%s", started).isEqualTo(201);
    assertThat(started.data().get("otpauthUri").asString())
        .startsWith("otpauth://totp/")
        .contains("secret=" + started.data().get("secret").asString());
    AuthenticatorApp app = AuthenticatorApp.scan(started.data().get("otpauthUri").asString());
    HttpApi.Response confirmed =
        Suite.api()
            .post(
                "/api/v1/auth/mfa/totp/confirm", session.accessToken(), Map.of("code", app.code()));
    assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
    List<String> recoveryCodes =
        confirmed.data().get("recoveryCodes").valueStream().map(JsonNode::asString).toList();
    assertThat(recoveryCodes).hasSize(10);

    String challenge = challenge(session);
    HttpApi.Response signedIn = loginMfa(challenge, app.code(1));
    assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(200);
    var me = Suite.api().get("/api/v1/users/me", signedIn.data().get("accessToken").asString());
    assertThat(me.status()).as("%s", me).isEqualTo(200);
    assertThat(me.data().get("id").asString()).isEqualTo(session.userId());

    HttpApi.Response reused = loginMfa(challenge(session), app.code(1));
    assertThat(reused.status()).as("%s", reused).isEqualTo(401);
    assertThat(reused.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    HttpApi.Response usedChallenge = loginMfa(challenge, recoveryCodes.get(0));
    assertThat(usedChallenge.status()).isEqualTo(401);
    assertThat(usedChallenge.errorCode()).isEqualTo("TOKEN_INVALID");

    HttpApi.Response recovered = loginMfa(challenge(session), recoveryCodes.get(0));
    assertThat(recovered.status()).as("%s", recovered).isEqualTo(200);
    assertThat(loginMfa(challenge(session), recoveryCodes.get(0)).status())
        .as("a recovery code works once")
        .isEqualTo(401);

    HttpApi.Response disabled =
        Suite.api()
            .call("DELETE", "/api/v1/auth/mfa/totp")
            .bearer(session.accessToken())
            .json(Map.of("password", session.password(), "code", recoveryCodes.get(1)))
            .send();
    assertThat(disabled.status()).as("%s", disabled).isEqualTo(204);
    HttpApi.Response plainLogin = Suite.login(session.email(), session.password());
    assertThat(plainLogin.status()).isEqualTo(200);
    assertThat(plainLogin.data().get("accessToken").asString()).isNotBlank();
  }

  /** The password step: 200 with a challenge and no tokens. */
  private static String challenge(Suite.Session session) {
    HttpApi.Response login = Suite.login(session.email(), session.password());
    assertThat(login.status()).as("%s", login).isEqualTo(200);
    assertThat(login.data().get("mfaRequired").asBoolean()).isTrue();
    assertThat(login.data().has("accessToken")).isFalse();
    return login.data().get("challenge").asString();
  }

  private static HttpApi.Response loginMfa(String challenge, String code) {
    return Suite.api()
        .call("POST", "/api/v1/auth/login/mfa")
        .header("X-Forwarded-For", Suite.clientIp())
        .json(Map.of("challenge", challenge, "code", code))
        .send();
  }
}
