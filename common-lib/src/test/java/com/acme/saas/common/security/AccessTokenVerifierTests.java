package com.acme.saas.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.testsupport.TestTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The verifier every service and the gateway rely on, against a real HTTP JWKS endpoint. */
class AccessTokenVerifierTests {

  private final UUID userId = UUID.randomUUID();
  private final AccessTokenVerifier verifier = verifier();

  @AfterEach
  void restoreKeys() {
    TestTokens.publishDefault();
  }

  @Test
  void acceptsAValidToken() {
    VerifiedToken token = verifier.verify(TestTokens.admin(userId));
    assertThat(token.userId()).isEqualTo(userId);
    assertThat(token.role()).isEqualTo("ADMIN");
    assertThat(token.email()).isEqualTo("user-" + userId + "@example.com");
    assertThat(token.expiresAt()).isAfter(Instant.now());
  }

  @Test
  void rejectsAlgNone() {
    String payload = TestTokens.user(userId).split("\\.")[1];
    String header = base64("{\"alg\":\"none\",\"kid\":\"test-key-1\"}");
    assertInvalid(header + "." + payload + ".");
  }

  @Test
  void rejectsHs256SignedWithThePublicKey() throws Exception {
    RSAKey key = TestTokens.signingKey();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
            TestTokens.claims(userId, "ADMIN", c -> {}).build());
    forged.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
    assertInvalid(forged.serialize());
  }

  @Test
  void rejectsATamperedPayload() {
    String[] parts = TestTokens.user(userId).split("\\.");
    String userPayload = new String(Base64.getUrlDecoder().decode(parts[1]));
    String adminPayload = base64(userPayload.replace("\"role\":\"USER\"", "\"role\":\"ADMIN\""));
    assertThat(adminPayload).isNotEqualTo(parts[1]);
    assertInvalid(parts[0] + "." + adminPayload + "." + parts[2]);
  }

  @Test
  void rejectsAWrongIssuer() {
    assertInvalid(TestTokens.token(userId, "USER", c -> c.issuer("https://evil.example")));
  }

  @Test
  void rejectsAWrongAudience() {
    assertInvalid(TestTokens.token(userId, "USER", c -> c.audience("another-api")));
  }

  @Test
  void rejectsAMissingRequiredClaim() {
    assertInvalid(TestTokens.token(userId, "USER", c -> c.jwtID(null)));
  }

  @Test
  void rejectsAnExpiredTokenAsExpired() {
    String expired =
        TestTokens.token(
            userId, "USER", c -> c.expirationTime(Date.from(Instant.now().minusSeconds(60))));
    assertThatThrownBy(() -> verifier.verify(expired))
        .isInstanceOfSatisfying(
            TokenRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED));
  }

  @Test
  void toleratesThirtySecondsOfClockSkew() {
    String justExpired =
        TestTokens.token(
            userId, "USER", c -> c.expirationTime(Date.from(Instant.now().minusSeconds(10))));
    assertThat(verifier.verify(justExpired).userId()).isEqualTo(userId);
  }

  @Test
  void rejectsATokenNotYetValid() {
    assertInvalid(
        TestTokens.token(
            userId, "USER", c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120)))));
  }

  @Test
  void rejectsAnUnknownKeyId() {
    RSAKey stranger = TestTokens.generate("stranger");
    assertInvalid(TestTokens.sign(stranger, TestTokens.claims(userId, "ADMIN", c -> {})));
  }

  @Test
  void rejectsAKeyEmbeddedInTheToken() throws Exception {
    RSAKey attacker = TestTokens.generate("test-key-1");
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("test-key-1")
                .jwk(attacker.toPublicJWK())
                .build(),
            TestTokens.claims(userId, "ADMIN", c -> {}).build());
    forged.sign(new RSASSASigner(attacker));
    assertInvalid(forged.serialize());
  }

  @Test
  void unknownKeyIdsRefetchTheKeySetAtMostOncePerInterval() {
    verifier.verify(TestTokens.user(userId));
    int before = TestTokens.jwksFetches();
    RSAKey stranger = TestTokens.generate("stranger");
    for (int i = 0; i < 10; i++) {
      assertInvalid(TestTokens.sign(stranger, TestTokens.claims(userId, "USER", c -> {})));
    }
    assertThat(TestTokens.jwksFetches() - before).isLessThanOrEqualTo(1);
  }

  @Test
  void aRotatedInKeyIsFoundByRefetching() {
    verifier.verify(TestTokens.user(userId));
    RSAKey next = TestTokens.generate("test-key-2");
    TestTokens.publish(
        new JWKSet(List.of(TestTokens.signingKey().toPublicJWK(), next.toPublicJWK())));
    VerifiedToken token =
        verifier.verify(TestTokens.sign(next, TestTokens.claims(userId, "USER", c -> {})));
    assertThat(token.userId()).isEqualTo(userId);
    assertThat(verifier.verify(TestTokens.user(userId)).userId()).isEqualTo(userId);
  }

  // A token used again skips the RSA check only: every answer stays what a full check would give.

  @Test
  void aTokenUsedAgainIsNotVerifiedAgain() {
    String token = TestTokens.user(userId);
    VerifiedToken first = verifier.verify(token);
    long checks = verifier.signatureChecks();
    for (int i = 0; i < 5; i++) {
      assertThat(verifier.verify(token)).isEqualTo(first);
      assertThat(verifier.verifyIfRemembered(token)).isEqualTo(first);
    }
    assertThat(verifier.signatureChecks()).isEqualTo(checks);
  }

  @Test
  void aRememberedTokenPastItsExpiryIsRejected() {
    MovableClock clock = new MovableClock();
    AccessTokenVerifier remembering =
        verifier(Duration.ofMinutes(5), Duration.ofSeconds(30), 10_000, clock);
    String token =
        TestTokens.token(
            userId, "USER", c -> c.expirationTime(Date.from(clock.instant().plusSeconds(60))));
    assertThat(remembering.verify(token).userId()).isEqualTo(userId);
    long checks = remembering.signatureChecks();

    clock.advance(Duration.ofSeconds(60 + 31));

    assertThatThrownBy(() -> remembering.verify(token))
        .isInstanceOfSatisfying(
            TokenRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED));
    assertThatThrownBy(() -> remembering.verifyIfRemembered(token))
        .isInstanceOf(TokenRejectedException.class);
    assertThat(remembering.signatureChecks())
        .as("the expiry is checked on every use, not only when the token is first verified")
        .isEqualTo(checks);
  }

  @Test
  void aBadSignatureIsNeverServedFromTheCache() {
    String token = TestTokens.user(userId);
    verifier.verify(token);
    String[] parts = token.split("\\.");
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[signature.length / 2] ^= 1;
    String flipped =
        parts[0]
            + "."
            + parts[1]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    assertInvalid(flipped);
    assertThat(verifier.verifyIfRemembered(flipped)).isNull();

    RSAKey impostor = TestTokens.generate(TestTokens.signingKey().getKeyID());
    String sameClaimsOtherKey =
        TestTokens.sign(impostor, TestTokens.claims(userId, "ADMIN", c -> {}));
    assertInvalid(sameClaimsOtherKey);
    assertInvalid(sameClaimsOtherKey);

    assertThat(verifier.verify(token).userId()).isEqualTo(userId);
  }

  @Test
  void aTokenOfARemovedKeyIsRejectedOnceTheKeySetIsRefetchedAsWithoutTheCache() throws Exception {
    Duration ttl = Duration.ofSeconds(2);
    AccessTokenVerifier remembering =
        verifier(ttl, Duration.ofMillis(100), 10_000, Clock.systemUTC());
    AccessTokenVerifier forgetting = verifier(ttl, Duration.ofMillis(100), 0, Clock.systemUTC());
    String token = TestTokens.user(userId);
    assertThat(remembering.verify(token).userId()).isEqualTo(userId);
    assertThat(forgetting.verify(token).userId()).isEqualTo(userId);

    TestTokens.publish(new JWKSet(TestTokens.generate("test-key-2").toPublicJWK()));

    // Until each verifier refetches the key set, both still hold the removed key (as before) ...
    assertThat(remembering.verify(token).userId()).isEqualTo(userId);
    assertThat(forgetting.verify(token).userId()).isEqualTo(userId);
    Thread.sleep(ttl.plusMillis(500).toMillis());
    // ... and once they have, neither accepts a token it signed, remembered or not.
    assertThat(remembering.verifyIfRemembered(token)).isNull();
    assertInvalid(remembering, token);
    assertInvalid(forgetting, token);
  }

  @Test
  void theCacheIsBounded() {
    AccessTokenVerifier small =
        verifier(Duration.ofMinutes(5), Duration.ofSeconds(30), 3, Clock.systemUTC());
    for (int i = 0; i < 20; i++) {
      UUID someone = UUID.randomUUID();
      assertThat(small.verify(TestTokens.user(someone)).userId()).isEqualTo(someone);
    }
    assertThat(small.rememberedTokens()).isLessThanOrEqualTo(3);
  }

  private void assertInvalid(String token) {
    assertInvalid(verifier, token);
  }

  private static void assertInvalid(AccessTokenVerifier verifier, String token) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(
            TokenRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID));
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
  }

  private static AccessTokenVerifier verifier() {
    return verifier(Duration.ofMinutes(5), Duration.ofSeconds(30), 10_000, Clock.systemUTC());
  }

  private static AccessTokenVerifier verifier(
      Duration jwksCacheTtl, Duration jwksMinRefreshInterval, long tokenCacheSize, Clock clock) {
    TokenProperties properties =
        new TokenProperties(
            TestTokens.jwksUri(),
            TestTokens.ISSUER,
            TestTokens.AUDIENCE,
            Duration.ofSeconds(30),
            jwksCacheTtl,
            jwksMinRefreshInterval,
            Duration.ofSeconds(1),
            List.of(),
            tokenCacheSize);
    return new AccessTokenVerifier(AccessTokenVerifier.remoteKeys(properties), properties, clock);
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
