package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.testsupport.HttpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * The check every journey's exchanges go through ({@link OpenApiContract}) finds drift: answers and
 * requests that the gateway's document does not describe, fed to it as if the suite had sent them.
 */
class OpenApiContractTests {

  private static final OpenApiContract CONTRACT = OpenApiContract.servedBy(Suite.GATEWAY_URL);
  private static final String PROFILE =
      """
      {"data": {"id": "%s", "email": "a@example.test", "name": "A", "role": "USER", "plan": "FREE",
       "emailVerified": false, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"}}
      """
          .formatted(UUID.randomUUID());

  @Test
  void aDocumentedAnswerPasses() {
    assertThat(CONTRACT.problems(exchange("GET", "/api/v1/users/me", "", 200, PROFILE))).isEmpty();
  }

  @Test
  void aBodyOfTheWrongShapeIsReportedWithTheExchange() {
    var drifted = exchange("GET", "/api/v1/users/me", "", 200, "{\"data\": {\"id\": 42}}");

    assertThat(CONTRACT.problems(drifted))
        .singleElement()
        .asString()
        .contains("/data/id")
        .contains("string expected");
    assertThatThrownBy(() -> CONTRACT.exchanged(drifted))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /api/v1/users/me")
        .hasMessageContaining("response: 200 {\"data\": {\"id\": 42}}");
  }

  @Test
  void anUndocumentedStatusIsReported() {
    assertThat(CONTRACT.problems(exchange("GET", "/api/v1/users/me", "", 418, "{}")))
        .singleElement()
        .asString()
        .contains("418");
  }

  @Test
  void anErrorOutsideTheEnvelopeIsReported() {
    assertThat(
            CONTRACT.problems(
                exchange("GET", "/api/v1/users/me", "", 401, "{\"error\": \"unauthorized\"}")))
        .isNotEmpty();
  }

  @Test
  void aPathTheDocumentDoesNotHaveIsReported() {
    assertThat(CONTRACT.problems(exchange("GET", "/api/v1/nowhere", "", 404, "{}"))).isNotEmpty();
  }

  @Test
  void aRequestTheDocumentRefusesMayBeRefusedButNeverAccepted() {
    String noPassword = "{\"email\": \"a@example.test\"}";
    String refused =
        "{\"error\": {\"code\": \"VALIDATION_ERROR\", \"message\": \"Invalid input\", \"requestId\": \"r\"}}";

    assertThat(CONTRACT.problems(exchange("POST", "/api/v1/auth/login", noPassword, 400, refused)))
        .isEmpty();
    assertThat(CONTRACT.problems(exchange("POST", "/api/v1/auth/login", noPassword, 200, "{}")))
        .singleElement()
        .asString()
        .contains("password");
  }

  @Test
  void anExchangeMarkedOutsideTheContractIsLeftOut() {
    var probe =
        new HttpApi.Exchange(
            "GET",
            "/api/v1/nowhere",
            Map.of(),
            new byte[0],
            "a path no route has",
            response(404, "{}"));
    assertThatCode(() -> CONTRACT.exchanged(probe)).doesNotThrowAnyException();
  }

  private static HttpApi.Exchange exchange(
      String method, String path, String body, int status, String responseBody) {
    Map<String, String> headers =
        body.isEmpty()
            ? Map.of("Authorization", "Bearer token")
            : Map.of("Authorization", "Bearer token", "Content-Type", "application/json");
    return new HttpApi.Exchange(
        method,
        path,
        headers,
        body.getBytes(StandardCharsets.UTF_8),
        null,
        response(status, responseBody));
  }

  /** An answer as the suite would give it: JSON, with the given status and body. */
  private static HttpApi.Response response(int status, String body) {
    HttpHeaders headers =
        HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (name, value) -> true);
    return new HttpApi.Response(
        new HttpResponse<>() {
          @Override
          public int statusCode() {
            return status;
          }

          @Override
          public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create(Suite.GATEWAY_URL)).build();
          }

          @Override
          public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
          }

          @Override
          public HttpHeaders headers() {
            return headers;
          }

          @Override
          public String body() {
            return body;
          }

          @Override
          public Optional<SSLSession> sslSession() {
            return Optional.empty();
          }

          @Override
          public URI uri() {
            return URI.create(Suite.GATEWAY_URL);
          }

          @Override
          public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
          }
        });
  }
}
