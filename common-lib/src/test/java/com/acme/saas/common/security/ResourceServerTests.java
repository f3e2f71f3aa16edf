package com.acme.saas.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A service verifies the token itself and answers each authentication failure with its own code.
 */
@SpringBootTest(
    classes = ProbeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ResourceServerTests {

  @LocalServerPort int port;
  @Autowired AccessTokenVerifier verifier;
  HttpApi api;

  @BeforeEach
  void setUp() {
    api = HttpApi.local(port);
  }

  @Test
  void noTokenIsTokenMissing() {
    HttpApi.Response response = api.get("/probe/me", null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_MISSING");
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void garbageTokenIsTokenInvalid() {
    HttpApi.Response response = api.get("/probe/me", "not.a.token");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void expiredTokenIsTokenExpired() {
    String expired =
        TestTokens.token(
            UUID.randomUUID(),
            "USER",
            c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120))));
    HttpApi.Response response = api.get("/probe/me", expired);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_EXPIRED");
  }

  @Test
  void callerComesFromTheVerifiedToken() {
    UUID userId = UUID.randomUUID();
    HttpApi.Response response =
        api.call("GET", "/probe/me")
            .bearer(TestTokens.user(userId))
            .header("X-User-Id", UUID.randomUUID().toString())
            .header("X-User-Role", "ADMIN")
            .send();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.data().path("id").asString()).isEqualTo(userId.toString());
    assertThat(response.data().path("role").asString()).isEqualTo("USER");
  }

  @Test
  void aTokenUsedAgainCostsNoSecondSignatureCheck() {
    UUID userId = UUID.randomUUID();
    String token = TestTokens.user(userId);
    assertThat(api.get("/probe/me", token).status()).isEqualTo(200);
    long checks = verifier.signatureChecks();
    for (int i = 0; i < 3; i++) {
      HttpApi.Response again = api.get("/probe/me", token);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.data().path("id").asString()).isEqualTo(userId.toString());
    }
    assertThat(verifier.signatureChecks()).isEqualTo(checks);
  }

  @Test
  void userOnAdminRouteIsForbidden() {
    HttpApi.Response response = api.get("/probe/admin", TestTokens.user(UUID.randomUUID()));
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
  }

  @Test
  void adminOnAdminRouteIsAllowed() {
    assertThat(api.get("/probe/admin", TestTokens.admin(UUID.randomUUID())).status())
        .isEqualTo(200);
  }

  @Test
  void publicPathNeedsNoToken() {
    assertThat(api.get("/probe/public", null).status()).isEqualTo(200);
  }

  @Test
  void healthProbesArePublic() {
    assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
  }
}
