package com.acme.saas.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.JsonServer;
import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** auth-service's JWKS endpoint goes down: the gateway keeps verifying with the keys it has. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class KeyOutageTests {

  static final HttpServer JWKS = startJwks();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
    registry.add(
        "saas.security.jwks-uri",
        () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/.well-known/jwks.json");
  }

  @Test
  void tokensStillVerifyWhileTheKeySetIsUnreachable() {
    assertThat(
            HttpApi.local(port).get("/api/v1/tasks", TestTokens.user(UUID.randomUUID())).status())
        .isEqualTo(200);

    JWKS.stop(0);

    HttpApi.Response neverSeenBefore =
        HttpApi.local(port).get("/api/v1/tasks", TestTokens.user(UUID.randomUUID()));
    assertThat(neverSeenBefore.status()).isEqualTo(200);

    long start = System.nanoTime();
    String unknownKey =
        TestTokens.sign(
            TestTokens.generate("rotated-away"),
            TestTokens.claims(UUID.randomUUID(), "USER", claims -> {}));
    HttpApi.Response rejected = HttpApi.local(port).get("/api/v1/tasks", unknownKey);
    assertThat(rejected.status()).isEqualTo(401);
    assertThat(rejected.errorCode()).isEqualTo("TOKEN_INVALID");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private static HttpServer startJwks() {
    return JsonServer.serve(
        "/.well-known/jwks.json",
        () -> new JWKSet(TestTokens.signingKey().toPublicJWK()).toString(true));
  }
}
