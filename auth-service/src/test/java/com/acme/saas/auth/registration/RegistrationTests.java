package com.acme.saas.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RegistrationTests {

  @Autowired JdbcClient jdbc;
  @InjectApi AuthClient auth;

  @Test
  void registrationAnswersTheUserAndASignedSession() throws Exception {
    String email = AuthClient.newEmail();

    HttpApi.Response response =
        auth.register("  " + email + " ", AuthClient.PASSWORD, "  Ada Lovelace ");

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode data = response.data();
    assertThat(data.path("user").path("email").asString()).isEqualTo(email);
    assertThat(data.path("user").path("name").asString()).isEqualTo("Ada Lovelace");
    assertThat(data.path("user").path("role").asString()).isEqualTo("USER");
    assertThat(data.path("user").path("createdAt").asString()).isNotBlank();
    assertThat(data.path("user").has("passwordHash")).isFalse();
    assertThat(data.path("tokenType").asString()).isEqualTo("Bearer");
    assertThat(data.path("expiresIn").asLong()).isEqualTo(900);
    assertThat(data.path("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");

    SignedJWT jwt = SignedJWT.parse(data.path("accessToken").asString());
    JWKSet published = JWKSet.parse(auth.http().get("/.well-known/jwks.json", null).text());
    RSAKey key = (RSAKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(key).as("the token's kid is published").isNotNull();
    assertThat(key.size()).isGreaterThanOrEqualTo(2048);
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    Map<String, Object> claims = jwt.getJWTClaimsSet().getClaims();
    assertThat(claims).containsOnlyKeys("iss", "aud", "sub", "role", "email", "iat", "exp", "jti");
    assertThat(jwt.getJWTClaimsSet().getSubject())
        .isEqualTo(data.path("user").path("id").asString());
    assertThat(jwt.getJWTClaimsSet().getStringClaim("email")).isEqualTo(email);
    assertThat(jwt.getJWTClaimsSet().getStringClaim("role")).isEqualTo("USER");
    Instant issuedAt = jwt.getJWTClaimsSet().getIssueTime().toInstant();
    assertThat(Duration.between(issuedAt, jwt.getJWTClaimsSet().getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void passwordIsStoredAsArgon2idWithAtLeastOwaspMinimumCost() {
    String email = AuthClient.newEmail();
    auth.registered(email);

    String hash =
        jdbc.sql("select password_hash from accounts where email = :email")
            .param("email", email)
            .query(String.class)
            .single();

    assertThat(hash)
        .startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
        .doesNotContain(AuthClient.PASSWORD);
  }

  @Test
  void emailsAreUniqueIgnoringCaseAndSurroundingSpace() {
    String email = AuthClient.newEmail();
    auth.registered(email);

    HttpApi.Response response =
        auth.register(" " + email.toUpperCase() + " ", "Another-Pass-42", "Impostor");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.errorCode()).isEqualTo("EMAIL_ALREADY_EXISTS");
    assertThat(accountsWith(email)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Short1a          | must be 8 to 128 characters long",
        "alllowercase123  | must contain an upper-case letter, a lower-case letter and a digit",
        "ALLUPPERCASE123  | must contain an upper-case letter, a lower-case letter and a digit",
        "NoDigitsAtAll    | must contain an upper-case letter, a lower-case letter and a digit",
        "Password1        | is one of the 10,000 most common passwords; choose another",
        "Qwerty123        | is one of the 10,000 most common passwords; choose another",
      })
  void weakPasswordsAreRejectedWithTheRuleTheyBreak(String password, String rule) {
    String email = AuthClient.newEmail();

    HttpApi.Response response = auth.register(email, password, "Weak");

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    JsonNode detail = response.json().path("error").path("details").get(0);
    assertThat(detail.path("field").asString()).isEqualTo("password");
    assertThat(detail.path("message").asString()).isEqualTo(rule);
    assertThat(accountsWith(email)).isZero();
    assertThat(eventsMentioning(email)).isZero();
  }

  @Test
  void passwordsLongerThan128CharactersAreRejected() {
    String email = AuthClient.newEmail();

    HttpApi.Response response = auth.register(email, "Aa1" + "x".repeat(126), "Long");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("details").get(0).path("message").asString())
        .isEqualTo("must be 8 to 128 characters long");
    assertThat(accountsWith(email)).isZero();
  }

  @ParameterizedTest
  @CsvSource({"not-an-email", "a@b@c.com", "''"})
  void invalidEmailsAreRejected(String email) {
    HttpApi.Response response = auth.register(email, AuthClient.PASSWORD, "Someone");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("email");
  }

  @Test
  void emailsLongerThan254CharactersAreRejected() {
    String email =
        "a".repeat(64)
            + "@"
            + "b".repeat(63)
            + "."
            + "c".repeat(63)
            + "."
            + "d".repeat(61)
            + ".com";

    HttpApi.Response response = auth.register(email, AuthClient.PASSWORD, "Someone");

    assertThat(email.length()).isGreaterThan(254);
    assertThat(response.status()).isEqualTo(400);
    assertThat(accountsWith(email)).isZero();
  }

  @Test
  void aRoleInTheBodyIsRejectedNotApplied() {
    String email = AuthClient.newEmail();

    HttpApi.Response response =
        auth.http()
            .post(
                "/api/v1/auth/register",
                null,
                Map.of(
                    "email",
                    email,
                    "password",
                    AuthClient.PASSWORD,
                    "name",
                    "Mallory",
                    "role",
                    "ADMIN"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(accountsWith(email)).isZero();
  }

  @Test
  void nameMustNotBeBlankOrOver100Characters() {
    assertThat(auth.register(AuthClient.newEmail(), AuthClient.PASSWORD, "   ").status())
        .isEqualTo(400);
    assertThat(auth.register(AuthClient.newEmail(), AuthClient.PASSWORD, "n".repeat(101)).status())
        .isEqualTo(400);
    assertThat(auth.register(AuthClient.newEmail(), AuthClient.PASSWORD, "n".repeat(100)).status())
        .isEqualTo(201);
  }

  @Test
  void eachRegistrationGetsItsOwnUserId() {
    UUID first =
        UUID.fromString(auth.registered(AuthClient.newEmail()).path("user").path("id").asString());
    UUID second =
        UUID.fromString(auth.registered(AuthClient.newEmail()).path("user").path("id").asString());

    assertThat(first).isNotEqualTo(second);
  }

  private long accountsWith(String email) {
    return jdbc.sql("select count(*) from accounts where email_normalized = lower(:email)")
        .param("email", email.strip())
        .query(Long.class)
        .single();
  }

  private long eventsMentioning(String email) {
    return jdbc.sql("select count(*) from outbox where strpos(payload::text, :email) > 0")
        .param("email", email)
        .query(Long.class)
        .single();
  }
}
