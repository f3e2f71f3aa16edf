package com.acme.saas.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "saas.auth.admin.email=" + KeyRotationTests.ADMIN,
      "saas.auth.admin.password=" + AuthClient.PASSWORD,
      // every request sees the table as it is, so moving a key's activation takes effect at once
      "saas.auth.signing.reload-interval=0s"
    })
@RealInfrastructure
class KeyRotationTests {

  static final String ADMIN = "keys-admin@example.com";

  @Autowired JdbcClient jdbc;
  @Autowired SigningKeys keys;
  @InjectApi AuthClient auth;

  @BeforeEach
  void setUp() {
    // back to one active key that nothing has rotated out
    jdbc.sql("delete from signing_keys where activates_at > now()").update();
    jdbc.sql(
            "delete from signing_keys where kid <> (select kid from signing_keys order by activates_at desc limit 1)")
        .update();
    jdbc.sql("update signing_keys set expires_at = null").update();
  }

  @Test
  void jwksPublishesTheSigningKeyWithoutItsPrivatePart() throws Exception {
    HttpApi.Response response = auth.http().get("/.well-known/jwks.json", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/jwk-set+json");
    assertThat(response.header("Cache-Control")).contains("max-age=60");
    JWKSet keys = JWKSet.parse(response.text());
    assertThat(keys.getKeys()).hasSize(1);
    RSAKey key = keys.getKeys().getFirst().toRSAKey();
    assertThat(key.isPrivate()).isFalse();
    assertThat(response.text()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
  }

  @Test
  void rotationPublishesTheNewKeyBeforeItSigns() throws Exception {
    String before = kid(adminToken());

    HttpApi.Response rotation = rotate();

    assertThat(rotation.status()).as(rotation.toString()).isEqualTo(202);
    String next = rotation.data().path("kid").asString();
    Instant activatesAt = Instant.parse(rotation.data().path("activatesAt").asString());
    assertThat(Duration.between(Instant.now(), activatesAt))
        .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
    assertThat(publishedKids()).containsExactlyInAnyOrder(before, next);
    assertThat(kid(adminToken()))
        .as("the old key signs until the new one activates")
        .isEqualTo(before);
  }

  @Test
  void afterActivationNewTokensUseTheNewKeyAndOldTokensStillVerify() throws Exception {
    String oldToken = auth.registered(AuthClient.newEmail()).path("accessToken").asString();
    String oldKid = kid(oldToken);
    String newKid = rotate().data().path("kid").asString();

    activatePendingKeyNow();

    String newToken = auth.registered(AuthClient.newEmail()).path("accessToken").asString();
    assertThat(kid(newToken)).isEqualTo(newKid);
    JWKSet published = JWKSet.parse(auth.http().get("/.well-known/jwks.json", null).text());
    assertThat(
            SignedJWT.parse(oldToken)
                .verify(new RSASSAVerifier((RSAKey) published.getKeyByKeyId(oldKid))))
        .isTrue();
    assertThat(
            SignedJWT.parse(newToken)
                .verify(new RSASSAVerifier((RSAKey) published.getKeyByKeyId(newKid))))
        .isTrue();
    assertThat(auth.logoutAll(oldToken).status())
        .as("the service itself still accepts the old token")
        .isEqualTo(204);
  }

  @Test
  void theOldKeyIsPublishedUntilItsLastTokenHasExpired() throws Exception {
    String oldKid = kid(adminToken());
    Instant activatesAt = Instant.parse(rotate().data().path("activatesAt").asString());

    Instant oldExpiresAt =
        jdbc.sql("select expires_at from signing_keys where kid = :kid")
            .param("kid", oldKid)
            .query(java.sql.Timestamp.class)
            .single()
            .toInstant();

    // the last token the old key signs is issued just before activation and lives 15 minutes
    assertThat(oldExpiresAt).isAfterOrEqualTo(activatesAt.plus(Duration.ofMinutes(15)));
    jdbc.sql("update signing_keys set expires_at = now() - interval '1 second' where kid = :kid")
        .param("kid", oldKid)
        .update();
    assertThat(publishedKids()).doesNotContain(oldKid);
  }

  @Test
  void aSecondRotationWhileOneIsPendingIsAConflict() {
    rotate();

    HttpApi.Response second = rotate();

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("CONFLICT");
    assertThat(publishedKids()).hasSize(2);
  }

  @Test
  void theScheduleRotatesAKeyOnceItIsOlderThanTheInterval() {
    keys.rotateIfDue();
    assertThat(publishedKids()).as("a fresh key is left alone").hasSize(1);

    jdbc.sql("update signing_keys set activates_at = now() - interval '31 days'").update();
    keys.rotateIfDue();
    keys.rotateIfDue();

    assertThat(publishedKids()).as("one new key, however often the schedule looks").hasSize(2);
    assertThat(
            jdbc.sql("select count(*) from signing_keys where activates_at > now()")
                .query(Long.class)
                .single())
        .isOne();
  }

  @Test
  void theScheduleDeletesKeysWhoseTokensHaveAllExpired() {
    rotate();
    activatePendingKeyNow();
    jdbc.sql(
            "update signing_keys set expires_at = now() - interval '1 second' where expires_at is not null")
        .update();

    keys.rotateIfDue();

    assertThat(jdbc.sql("select count(*) from signing_keys").query(Long.class).single()).isOne();
  }

  @Test
  void onlyAdminsMayRotate() {
    String userToken = auth.registered(AuthClient.newEmail()).path("accessToken").asString();

    HttpApi.Response asUser = auth.http().post("/api/v1/auth/keys/rotate", userToken, null);
    HttpApi.Response anonymous = auth.http().post("/api/v1/auth/keys/rotate", null, null);

    assertThat(asUser.status()).isEqualTo(403);
    assertThat(asUser.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(publishedKids()).hasSize(1);
  }

  @Test
  void privateKeysAreStoredSealed() throws Exception {
    byte[] sealed =
        jdbc.sql("select private_key from signing_keys").query(byte[].class).list().getFirst();
    String kid = jdbc.sql("select kid from signing_keys").query(String.class).list().getFirst();

    // An unsealed PKCS#8 RSA key starts with its DER header (30 82 .. .. 02 01 00 30 0d 06 09 2a 86
    // 48 86 f7 0d 01 01 01)
    assertThat(sealed[0] == 0x30 && sealed[1] == (byte) 0x82 && sealed[4] == 0x02).isFalse();
    KeyEncryption wrongKey =
        KeyEncryption.fromSetting("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrongKey.open(sealed, kid))
        .hasMessageContaining("cannot be opened");
  }

  private HttpApi.Response rotate() {
    return auth.http().post("/api/v1/auth/keys/rotate", adminToken(), null);
  }

  private String adminToken() {
    return auth.loggedIn(ADMIN, AuthClient.PASSWORD).path("accessToken").asString();
  }

  private void activatePendingKeyNow() {
    jdbc.sql(
            "update signing_keys set activates_at = now() - interval '1 second' where activates_at > now()")
        .update();
  }

  private List<String> publishedKids() {
    try {
      return JWKSet.parse(auth.http().get("/.well-known/jwks.json", null).text()).getKeys().stream()
          .map(key -> key.getKeyID())
          .toList();
    } catch (java.text.ParseException e) {
      throw new AssertionError(e);
    }
  }

  private static String kid(String token) throws java.text.ParseException {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }
}
