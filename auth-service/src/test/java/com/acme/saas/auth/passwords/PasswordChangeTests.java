package com.acme.saas.auth.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.auth.TestMailServer;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectRegisteredUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.RegisteredUser;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PasswordChangeTests {

  static final String NEW_PASSWORD = "Brand-New-Staple-7";

  @InjectApi AuthClient auth;
  @InjectRegisteredUser RegisteredUser user;
  TestMailServer mail = TestMailServer.shared();

  @Test
  void theNewPasswordReplacesTheOld() {
    HttpApi.Response changed = change(AuthClient.PASSWORD, NEW_PASSWORD, null);

    assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
    assertThat(auth.login(user.email(), NEW_PASSWORD).status()).isEqualTo(200);
    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(401);
  }

  @Test
  void everyOtherSessionEndsAndTheCallersStays() {
    JsonNode other = auth.loggedIn(user.email(), AuthClient.PASSWORD);

    change(AuthClient.PASSWORD, NEW_PASSWORD, user.refreshToken());

    assertThat(auth.refresh(other.path("refreshToken").asString()).errorCode())
        .isEqualTo("TOKEN_INVALID");
    assertThat(auth.refresh(user.refreshToken()).status()).isEqualTo(200);
  }

  @Test
  void withoutTheCallersRefreshTokenEverySessionEnds() {
    change(AuthClient.PASSWORD, NEW_PASSWORD, null);

    assertThat(auth.refresh(user.refreshToken()).errorCode()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void aWrongCurrentPasswordIsRefusedAndCountsTowardTheLockout() {
    for (int i = 0; i < 10; i++) {
      HttpApi.Response wrong = change("Wrong-Password-1", NEW_PASSWORD, null);
      assertThat(wrong.status()).as("attempt %d: %s", i + 1, wrong).isEqualTo(401);
      assertThat(wrong.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    }

    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(423);
    assertThat(change(AuthClient.PASSWORD, NEW_PASSWORD, null).status()).isEqualTo(423);
  }

  @Test
  void aWeakNewPasswordIsRefusedAndChangesNothing() {
    HttpApi.Response weak = change(AuthClient.PASSWORD, "short1A", null);

    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(200);
    assertThat(auth.refresh(user.refreshToken()).status()).isEqualTo(200);
  }

  @Test
  void theAddressIsToldItsPasswordChanged() {
    change(AuthClient.PASSWORD, NEW_PASSWORD, null);

    assertThat(
            TestMailServer.body(
                mail.awaitMessage(user.email(), "password was changed"), "text/plain"))
        .contains("was changed");
  }

  @Test
  void withoutATokenTheRouteAnswers401() {
    HttpApi.Response response =
        auth.http()
            .post(
                "/api/v1/auth/password",
                null,
                Map.of("currentPassword", AuthClient.PASSWORD, "newPassword", NEW_PASSWORD));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_MISSING");
  }

  private HttpApi.Response change(String current, String next, @Nullable String refreshToken) {
    Map<String, String> body =
        new HashMap<>(Map.of("currentPassword", current, "newPassword", next));
    if (refreshToken != null) {
      body.put("refreshToken", refreshToken);
    }
    return auth.http().post("/api/v1/auth/password", user.accessToken(), body);
  }
}
