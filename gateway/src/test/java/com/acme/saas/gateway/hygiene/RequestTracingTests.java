package com.acme.saas.gateway.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RequestTracingTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @Test
  void saneRequestIdIsKeptEchoedAndPassedOn() {
    HttpApi.Response response = send("client-req_1.2");

    assertThat(response.header("X-Request-Id")).isEqualTo("client-req_1.2");
    assertThat(response.data().path("headers").path("x-request-id").asString())
        .isEqualTo("client-req_1.2");
  }

  @Test
  void insaneRequestIdIsReplaced() {
    HttpApi.Response response = send("<script>alert(1)</script>");

    String id = response.header("X-Request-Id");
    assertThat(id).matches("[A-Za-z0-9._-]{1,64}");
    assertThat(response.data().path("headers").path("x-request-id").asString()).isEqualTo(id);
  }

  @Test
  void missingRequestIdIsGenerated() {
    HttpApi.Response response = HttpApi.local(port).get("/api/v1/billing/plans", null);

    assertThat(response.header("X-Request-Id")).isNotBlank();
    assertThat(response.data().path("headers").path("x-request-id").asString())
        .isEqualTo(response.header("X-Request-Id"));
  }

  @Test
  void errorEnvelopeCarriesTheRequestId() {
    HttpApi.Response response =
        HttpApi.local(port).call("GET", "/api/v1/tasks").header("X-Request-Id", "err-42").send();

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().path("error").path("requestId").asString()).isEqualTo("err-42");
    assertThat(response.header("X-Request-Id")).isEqualTo("err-42");
  }

  @Test
  void traceparentReachesTheService() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    HttpApi.Response response =
        HttpApi.local(port)
            .call("GET", "/api/v1/tasks")
            .bearer(TestTokens.user(UUID.randomUUID()))
            .header("traceparent", traceparent)
            .send();

    assertThat(response.data().path("headers").path("traceparent").asString())
        .contains("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  private HttpApi.Response send(String requestId) {
    return HttpApi.local(port)
        .call("GET", "/api/v1/tasks")
        .bearer(TestTokens.user(UUID.randomUUID()))
        .header("X-Request-Id", requestId)
        .send();
  }
}
