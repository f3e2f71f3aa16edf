package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Register, log in, read the own profile, refresh with rotation and reuse detection, log out. */
class AccountJourneyTests {

  @Test
  void aNewUserCanLogInAndSeeTheirProfile() {
    var session = Suite.register();
    var login = Suite.login(session.email(), session.password());
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.data().get("tokenType").asString()).isEqualTo("Bearer");

    var me = Suite.api().get("/api/v1/users/me", login.data().get("accessToken").asString());
    assertThat(me.status()).as("%s", me).isEqualTo(200);
    assertThat(me.data().get("id").asString()).isEqualTo(session.userId());
    assertThat(me.data().get("email").asString()).isEqualTo(session.email());
    assertThat(me.data().get("role").asString()).isEqualTo("USER");
  }

  @Test
  void aWrongPasswordIsInvalidCredentials() {
    var session = Suite.register();
    var login = Suite.login(session.email(), session.password() + "x");
    assertThat(login.status()).isEqualTo(401);
    assertThat(login.errorCode()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void registeringATakenEmailIsAConflict() {
    var session = Suite.register();
    var again =
        Suite.api()
            .call("POST", "/api/v1/auth/register")
            .header("X-Forwarded-For", Suite.clientIp())
            .json(Map.of("email", session.email(), "password", session.password(), "name", "Again"))
            .send();
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("EMAIL_ALREADY_EXISTS");
  }

  @Test
  void aProtectedRouteWithoutATokenIsTokenMissing() {
    var response = Suite.api().get("/api/v1/users/me", null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_MISSING");
  }

  @Test
  void refreshRotatesAndAReusedRefreshTokenRevokesTheFamily() {
    var session = Suite.register();
    var first = refresh(session.refreshToken());
    assertThat(first.status()).isEqualTo(200);
    String rotated = first.data().get("refreshToken").asString();
    assertThat(rotated).isNotEqualTo(session.refreshToken());

    var reuse = refresh(session.refreshToken());
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.errorCode()).isEqualTo("TOKEN_INVALID");
    var afterReuse = refresh(rotated);
    assertThat(afterReuse.status()).as("the whole family is revoked").isEqualTo(401);
  }

  @Test
  void logoutRevokesTheSessionsRefreshToken() {
    var session = Suite.register();
    var logout =
        Suite.api()
            .post(
                "/api/v1/auth/logout",
                session.accessToken(),
                Map.of("refreshToken", session.refreshToken()));
    assertThat(logout.status()).isEqualTo(204);
    assertThat(refresh(session.refreshToken()).status()).isEqualTo(401);
  }

  private static com.acme.saas.testsupport.HttpApi.Response refresh(String refreshToken) {
    return Suite.api()
        .call("POST", "/api/v1/auth/refresh")
        .header("X-Forwarded-For", Suite.clientIp())
        .json(Map.of("refreshToken", refreshToken))
        .send();
  }
}
