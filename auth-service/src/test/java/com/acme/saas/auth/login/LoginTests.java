package com.acme.saas.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectRegisteredUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.RegisteredUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class LoginTests {

  @Autowired JdbcClient jdbc;
  @InjectApi AuthClient auth;
  @InjectRegisteredUser RegisteredUser user;

  @Test
  void loginAnswersTheUserAndANewSession() {
    JsonNode data = auth.loggedIn(user.email(), AuthClient.PASSWORD);

    assertThat(data.path("user").path("email").asString()).isEqualTo(user.email());
    assertThat(data.path("user").path("role").asString()).isEqualTo("USER");
    assertThat(data.path("accessToken").asString()).isNotBlank();
    assertThat(data.path("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");
    assertThat(data.path("tokenType").asString()).isEqualTo("Bearer");
    assertThat(data.path("expiresIn").asLong()).isEqualTo(900);
  }

  @Test
  void emailIsMatchedIgnoringCaseAndSurroundingSpace() {
    assertThat(auth.login("  " + user.email().toUpperCase() + "  ", AuthClient.PASSWORD).status())
        .isEqualTo(200);
  }

  @Test
  void unknownEmailAndWrongPasswordGetTheSameAnswer() {
    HttpApi.Response wrongPassword = auth.login(user.email(), "Wrong-Password-1");
    HttpApi.Response unknownEmail = auth.login(AuthClient.newEmail(), "Wrong-Password-1");

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(wrongPassword.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(withoutRequestId(unknownEmail)).isEqualTo(withoutRequestId(wrongPassword));
    assertThat(unknownEmail.header("Retry-After")).isNull();
  }

  @Test
  void passwordIsCaseSensitive() {
    assertThat(auth.login(user.email(), AuthClient.PASSWORD.toLowerCase()).status()).isEqualTo(401);
  }

  @Test
  void aHashWithWeakerParametersIsUpgradedAtTheNextLogin() {
    String weak = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(AuthClient.PASSWORD);
    jdbc.sql("update accounts set password_hash = :hash where email = :email")
        .param("hash", weak)
        .param("email", user.email())
        .update();

    auth.loggedIn(user.email(), AuthClient.PASSWORD);

    String stored =
        jdbc.sql("select password_hash from accounts where email = :email")
            .param("email", user.email())
            .query(String.class)
            .single();
    assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void missingFieldsAreValidationErrors() {
    HttpApi.Response response =
        auth.http().post("/api/v1/auth/login", null, java.util.Map.of("email", user.email()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  private static JsonNode withoutRequestId(HttpApi.Response response) {
    ObjectNode body = (ObjectNode) response.json().deepCopy();
    ((ObjectNode) body.path("error")).remove("requestId");
    return body;
  }
}
