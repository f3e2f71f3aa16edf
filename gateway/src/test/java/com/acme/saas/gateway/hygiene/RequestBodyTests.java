package com.acme.saas.gateway.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RequestBodyTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @Test
  void authBodyOver64KibAnswers413() {
    HttpApi.Response response = post("/api/v1/auth/register", null, 64 * 1024 + 1);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void authBodyUnder64KibPasses() {
    assertThat(post("/api/v1/auth/register", null, 60 * 1024).status()).isEqualTo(200);
  }

  @Test
  void bodyOver1MibAnswers413() {
    HttpApi.Response response =
        post("/api/v1/tasks", TestTokens.user(UUID.randomUUID()), 1024 * 1024 + 1);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void bodyUnder1MibPasses() {
    assertThat(post("/api/v1/tasks", TestTokens.user(UUID.randomUUID()), 900 * 1024).status())
        .isEqualTo(200);
  }

  @Test
  void webhookBodyReachesBillingByteForByte() {
    byte[] payload =
        "{\"id\":\"evt_1\",  \"type\":\"invoice.paid\",\n\t\"amount\":1e2, \"name\":\"Zoë \\u00e9\"}\r\n"
            .getBytes(StandardCharsets.UTF_8);

    HttpApi.Response response =
        HttpApi.local(port)
            .call("POST", "/api/v1/webhooks/stripe")
            .header("Stripe-Signature", "t=1700000000,v1=abc123")
            .body(payload, "application/json; charset=utf-8")
            .send();

    assertThat(response.status()).isEqualTo(200);
    assertThat(Base64.getDecoder().decode(response.data().path("body").asString()))
        .isEqualTo(payload);
    assertThat(response.data().path("headers").path("stripe-signature").asString())
        .isEqualTo("t=1700000000,v1=abc123");
  }

  private HttpApi.Response post(String path, String token, int bytes) {
    String body = "{\"pad\":\"" + "x".repeat(bytes - 10) + "\"}";
    return HttpApi.local(port).call("POST", path).bearer(token).json(body).send();
  }
}
