package com.acme.saas.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.RawHttp;
import com.acme.saas.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests that Tomcat or the servlet firewall refuse before any controller runs still answer in
 * the envelope: VALIDATION_ERROR, JSON, a request id; never Tomcat's HTML page. Sent over a raw
 * socket, so each path reaches the server byte for byte.
 */
@SpringBootTest(
    classes = ProbeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ContainerErrorTests {

  @LocalServerPort int port;

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(
      strings = {
        "/probe/%ZZ",
        "/probe/public%",
        "/probe/a%00b",
        "/probe/a%2fb",
        "/probe/items/..%2f..%2f",
        "/probe/%2e%2e/%2e%2e/%2e%2e/x",
        "/probe/a%5cb",
        "/probe/a\\b",
        "/probe/a|b",
        "/probe/a{b}",
        "/probe/a\"b",
        "/probe//public",
        "/probe/public;x=1",
      })
  void malformedPathAnswersValidationErrorInTheEnvelope(String target) {
    RawHttp.Response response = RawHttp.local(port).get(target);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.header("Content-Type"))
        .as(response.toString())
        .startsWith("application/json");
    assertThat(response.errorCode()).as(response.toString()).isEqualTo("VALIDATION_ERROR");
    assertThat(response.body())
        .doesNotContainIgnoringCase("<html")
        .doesNotContain("Tomcat", "Exception");
    String requestId = response.json().path("error").path("requestId").asString();
    assertThat(requestId).isNotBlank();
    assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
  }

  @Test
  void headersOverTomcatsLimitAnswerInTheEnvelope() {
    RawHttp.Response response =
        RawHttp.local(port).get("/probe/public", "X-Padding: " + "x".repeat(10_000));

    assertThat(response.status()).as(response.toString()).isIn(400, 431);
    assertThat(response.header("Content-Type"))
        .as(response.toString())
        .startsWith("application/json");
    assertThat(response.errorCode()).isEqualTo(ErrorCode.forStatus(response.status()).name());
    assertThat(response.json().path("error").path("requestId").asString()).isNotBlank();
  }

  @Test
  void aSaneClientRequestIdIsKept() {
    RawHttp.Response response = RawHttp.local(port).get("/probe/%ZZ", "X-Request-Id: raw-req.7");

    assertThat(response.json().path("error").path("requestId").asString())
        .as(response.toString())
        .isEqualTo("raw-req.7");
    assertThat(response.header("X-Request-Id")).isEqualTo("raw-req.7");
  }

  @Test
  void aWellFormedPathStillReachesItsController() {
    RawHttp.Response response = RawHttp.local(port).get("/probe/public", "Accept: text/html");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().path("data").asString()).isEqualTo("open");
  }
}
