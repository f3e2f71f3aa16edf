package com.acme.saas.auth.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.auth.TestMailServer;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With {@code saas.auth.verification.required-for-login} on. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "saas.auth.verification.required-for-login=true")
@RealInfrastructure
class VerifiedLoginTests {

  @LocalServerPort int port;

  @Test
  void anUnverifiedAccountIsRefusedUntilItVerifies() {
    AuthClient auth = new AuthClient(port);
    String email = AuthClient.newEmail();
    auth.registered(email);

    HttpApi.Response refused = auth.login(email, AuthClient.PASSWORD);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("EMAIL_NOT_VERIFIED");
    String token =
        TestMailServer.token(
            TestMailServer.shared().awaitMessage(email, "Confirm your email address"));
    assertThat(auth.http().post("/api/v1/auth/verify-email", null, Map.of("token", token)).status())
        .isEqualTo(204);
    assertThat(auth.login(email, AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aWrongPasswordStillAnswersInvalidCredentials() {
    AuthClient auth = new AuthClient(port);
    String email = AuthClient.newEmail();
    auth.registered(email);

    assertThat(auth.login(email, "Wrong-Password-1").errorCode()).isEqualTo("INVALID_CREDENTIALS");
  }
}
