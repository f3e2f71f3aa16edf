package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.RawHttp;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile or odd requests get answers inside the contract: the envelope, a catalogued code, JSON.
 */
class EdgeErrorTests {

  private static final RawHttp GATEWAY = RawHttp.local(URI.create(Suite.GATEWAY_URL).getPort());

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(
      strings = {
        "/api/v1/tasks/..%2f..%2f",
        "/api/v1/users/%2e%2e/x",
        "/api/v1//users",
        "/api/v1/users;x=1/me",
        "/api/v1/tasks/%ZZ",
        "/api/v1/tasks/a%00b",
        "/api/v1/tasks/a%5cb"
      })
  void ambiguousPathIsRefusedInTheEnvelope(String target) {
    assertEnvelope(
        GATEWAY.get(target, "Authorization: Bearer " + Suite.register().accessToken()),
        400,
        "VALIDATION_ERROR");
  }

  @Test
  void overLongQueryStringAnswers414InTheEnvelope() {
    assertEnvelope(GATEWAY.get("/api/v1/tasks?q=" + "x".repeat(5_000)), 414, "URI_TOO_LONG");
  }

  @Test
  void servicesAnswerJsonToAClientThatAsksForHtmlOrXml() {
    String token = Suite.register().accessToken();

    RawHttp.Response me =
        GATEWAY.get("/api/v1/users/me", "Accept: text/html", "Authorization: Bearer " + token);
    RawHttp.Response missing =
        GATEWAY.get(
            "/api/v1/tasks/" + UUID.randomUUID(),
            "Accept: application/xml",
            "Authorization: Bearer " + token);

    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.header("Content-Type")).startsWith("application/json");
    assertThat(me.json().path("data").path("id").asString()).isNotBlank();
    assertEnvelope(missing, 404, "RESOURCE_NOT_FOUND");
  }

  @Test
  void pageSizeOutOfRangeNamesPageSize() {
    var response = Suite.api().get("/api/v1/tasks?pageSize=500", Suite.register().accessToken());

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().path("error").path("details").findValuesAsString("field"))
        .containsExactly("pageSize");
  }

  private static void assertEnvelope(RawHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type"))
        .as(response.toString())
        .startsWith("application/json");
    assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
    assertThat(response.json().path("error").path("requestId").asString()).isNotBlank();
  }
}
