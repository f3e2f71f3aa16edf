package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every response through the gateway carries the security headers of API.md and a request id. */
class SecurityHeadersTests {

  private static void assertSecurityHeaders(HttpApi.Response response) {
    assertThat(response.header("Content-Security-Policy"))
        .isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.header("Strict-Transport-Security"))
        .isEqualTo("max-age=31536000; includeSubDomains");
  }

  @Test
  void successfulAndRejectedResponsesCarryTheSecurityHeaders() {
    for (String path : List.of("/actuator/health", "/api/v1/tasks")) {
      assertSecurityHeaders(Suite.api().get(path, null));
    }
  }

  @Test
  void aSaneClientRequestIdIsEchoed() {
    var response =
        Suite.api().call("GET", "/actuator/health").header("X-Request-Id", "e2e-req-42").send();
    assertThat(response.header("X-Request-Id")).isEqualTo("e2e-req-42");
  }

  @Test
  void anInsaneClientRequestIdIsReplaced() {
    var response =
        Suite.api()
            .call("GET", "/actuator/health")
            .header("X-Request-Id", "bad id <script>")
            .send();
    assertThat(response.header("X-Request-Id")).isNotBlank().isNotEqualTo("bad id <script>");
  }
}
