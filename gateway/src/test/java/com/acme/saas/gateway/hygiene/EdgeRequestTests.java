package com.acme.saas.gateway.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.RawHttp;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the gateway answers before routing: ambiguous or malformed targets, an over-long request
 * line, over-large headers; each in the envelope, never reaching a service. Sent over a raw socket
 * so each target reaches the gateway byte for byte.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class EdgeRequestTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(
      strings = {
        "/api/v1/users/%2e%2e/x",
        "/api/v1/users/%2E%2E/x",
        "/api/v1/users/../x",
        "/api/v1/./users/me",
        "/api/v1/users/.%2e/x",
        "/api/v1//users",
        "/api/v1/users/me//",
        "/api/v1/users;x=1/me",
        "/api/v1/users/me;jsessionid=1",
        "/api/v1/users/me%3bx",
        "/api/v1/tasks/..%2f..%2f",
        "/api/v1/tasks/a%2Fb",
        "/api/v1/tasks/a%5cb",
        "/api/v1/tasks/a\\b",
        "/api/v1/tasks/a%00b",
        "/api/v1/tasks/a%0ab",
        "/api/v1/tasks/%ZZ",
        "/api/v1/tasks/%",
        "/api/v1/tasks/%4",
        "/api/v1/tasks?q=%ZZ",
        "/api/v1/tasks/a|b",
        "/api/v1/tasks/a{b}",
        "api/v1/tasks",
      })
  void ambiguousOrMalformedTargetAnswersValidationErrorBeforeRouting(String target) {
    int before = Services.requests();

    RawHttp.Response response =
        RawHttp.local(port)
            .get(target, "Authorization: Bearer " + TestTokens.admin(UUID.randomUUID()));

    assertEnvelope(response, 400, "VALIDATION_ERROR");
    assertThat(Services.requests()).as("requests that reached a service").isEqualTo(before);
  }

  @Test
  void queryStringOverTheLimitAnswers414InTheEnvelope() {
    RawHttp.Response response = RawHttp.local(port).get("/api/v1/tasks?q=" + "x".repeat(5_000));

    assertEnvelope(response, 414, "URI_TOO_LONG");
  }

  @Test
  void headersOverTheLimitAnswer431InTheEnvelope() {
    RawHttp.Response response =
        RawHttp.local(port).get("/api/v1/tasks", "X-Padding: " + "x".repeat(10_000));

    assertEnvelope(response, 431, "HEADERS_TOO_LARGE");
  }

  @Test
  void refusalKeepsASaneClientRequestId() {
    RawHttp.Response response =
        RawHttp.local(port).get("/api/v1//users", "X-Request-Id: edge-req.1");

    assertThat(response.header("X-Request-Id")).isEqualTo("edge-req.1");
    assertThat(response.json().path("error").path("requestId").asString()).isEqualTo("edge-req.1");
  }

  @Test
  void plainlyEncodedPathStillReachesItsServiceUnchanged() {
    RawHttp.Response response =
        RawHttp.local(port)
            .get(
                "/api/v1/tasks/a%20b%2Dc?q=50%25%2Foff",
                "Authorization: Bearer " + TestTokens.user(UUID.randomUUID()));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().path("data").path("path").asString())
        .isEqualTo("/api/v1/tasks/a%20b%2Dc?q=50%25%2Foff");
  }

  @ParameterizedTest(name = "Accept: {0}")
  @ValueSource(strings = {"text/html", "application/xml", "image/png"})
  void gatewayAnswersJsonWhateverAcceptSays(String accept) {
    RawHttp gateway = RawHttp.local(port);

    RawHttp.Response noToken = gateway.get("/api/v1/tasks", "Accept: " + accept);
    RawHttp.Response noRoute =
        gateway.get(
            "/api/v1/nothing",
            "Accept: " + accept,
            "Authorization: Bearer " + TestTokens.user(UUID.randomUUID()));
    RawHttp.Response health = gateway.get("/actuator/health", "Accept: " + accept);

    assertEnvelope(noToken, 401, "TOKEN_MISSING");
    assertThat(noRoute.status()).as(noRoute.toString()).isIn(403, 404);
    assertThat(noRoute.header("Content-Type")).startsWith("application/json");
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.header("Content-Type")).startsWith("application/json");
    assertThat(health.json().path("status").asString()).isEqualTo("UP");
  }

  private static void assertEnvelope(RawHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type"))
        .as(response.toString())
        .startsWith("application/json");
    assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
    String requestId = response.json().path("error").path("requestId").asString();
    assertThat(requestId).isNotBlank();
    assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("RateLimit")).as("counted by no rate limit").isNull();
  }
}
