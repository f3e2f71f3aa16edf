package com.acme.saas.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TokenVerificationTests {

  private static final String PROTECTED = "/api/v1/tasks";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @Test
  void validTokenPassesAndIsRelayedUnchanged() {
    String token = TestTokens.user(UUID.randomUUID());

    HttpApi.Response response = get(token);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.data().path("headers").path("authorization").asString())
        .isEqualTo("Bearer " + token);
  }

  @Test
  void cachedTokenKeepsPassing() {
    String token = TestTokens.user(UUID.randomUUID());

    assertThat(get(token).status()).isEqualTo(200);
    assertThat(get(token).status()).isEqualTo(200);
  }

  @Test
  void expiredTokenAnswersTokenExpired() {
    String token =
        TestTokens.token(
            UUID.randomUUID(),
            "USER",
            claims ->
                claims
                    .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(600))));

    assertRejected(get(token), "TOKEN_EXPIRED");
  }

  @Test
  void algNoneIsRejected() {
    String token =
        new PlainJWT(
                new PlainHeader(),
                TestTokens.claims(UUID.randomUUID(), "ADMIN", claims -> {}).build())
            .serialize();

    assertRejected(get(token), "TOKEN_INVALID");
  }

  @Test
  void hs256SignedWithThePublicKeyIsRejected() throws JOSEException {
    byte[] publicKey = TestTokens.signingKey().toRSAPublicKey().getEncoded();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(TestTokens.signingKey().getKeyID())
                .build(),
            TestTokens.claims(UUID.randomUUID(), "ADMIN", claims -> {}).build());
    jwt.sign(new MACSigner(java.util.Arrays.copyOf(publicKey, Math.max(publicKey.length, 32))));

    assertRejected(get(jwt.serialize()), "TOKEN_INVALID");
  }

  @Test
  void tamperedPayloadIsRejected() {
    String[] parts = TestTokens.user(UUID.randomUUID()).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"USER\"", "\"ADMIN\"");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertRejected(get(forged), "TOKEN_INVALID");
  }

  @Test
  void wrongIssuerIsRejected() {
    assertRejected(
        get(
            TestTokens.token(
                UUID.randomUUID(), "USER", claims -> claims.issuer("https://evil.example"))),
        "TOKEN_INVALID");
  }

  @Test
  void wrongAudienceIsRejected() {
    assertRejected(
        get(TestTokens.token(UUID.randomUUID(), "USER", claims -> claims.audience("someone-else"))),
        "TOKEN_INVALID");
  }

  @Test
  void unknownKeyIsRejected() {
    String token =
        TestTokens.sign(
            TestTokens.generate("unknown-kid"),
            TestTokens.claims(UUID.randomUUID(), "USER", claims -> {}));

    assertRejected(get(token), "TOKEN_INVALID");
  }

  @Test
  void garbageTokenIsRejected() {
    assertRejected(get("not-a-jwt"), "TOKEN_INVALID");
  }

  @Test
  void nonBearerAuthorizationCountsAsMissing() {
    HttpApi.Response response =
        HttpApi.local(port)
            .call("GET", PROTECTED)
            .header("Authorization", "Basic dXNlcjpwYXNz")
            .send();

    assertRejected(response, "TOKEN_MISSING");
  }

  private HttpApi.Response get(String token) {
    return HttpApi.local(port).get(PROTECTED, token);
  }

  private static void assertRejected(HttpApi.Response response, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo(code);
  }
}
