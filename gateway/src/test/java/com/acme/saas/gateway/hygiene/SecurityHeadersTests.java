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

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties =
        "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-origins=https://app.acme.example")
@RealInfrastructure
class SecurityHeadersTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @Test
  void proxiedResponseCarriesTheSecurityHeadersOverTheServiceOwn() {
    HttpApi.Response response =
        HttpApi.local(port).get("/api/v1/tasks", TestTokens.user(UUID.randomUUID()));

    assertThat(response.status()).isEqualTo(200);
    assertSecurityHeaders(response);
  }

  @Test
  void errorResponsesCarryTheSecurityHeaders() {
    assertSecurityHeaders(HttpApi.local(port).get("/api/v1/tasks", null));
    assertSecurityHeaders(
        HttpApi.local(port).get("/api/v1/users", TestTokens.user(UUID.randomUUID())));
    assertSecurityHeaders(HttpApi.local(port).get("/nowhere", null));
  }

  @Test
  void healthCarriesTheSecurityHeaders() {
    HttpApi.Response response = HttpApi.local(port).get("/actuator/health", null);

    assertThat(response.status()).isEqualTo(200);
    assertSecurityHeaders(response);
  }

  @Test
  void allowedOriginPassesThePreflight() {
    HttpApi.Response response = preflight("https://app.acme.example");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin"))
        .isEqualTo("https://app.acme.example");
  }

  @Test
  void otherOriginFailsThePreflight() {
    HttpApi.Response response = preflight("https://evil.example");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Access-Control-Allow-Origin")).isNull();
  }

  private HttpApi.Response preflight(String origin) {
    return HttpApi.local(port)
        .call("OPTIONS", "/api/v1/tasks")
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "Authorization, Content-Type")
        .send();
  }

  private static void assertSecurityHeaders(HttpApi.Response response) {
    assertThat(response.header("Content-Security-Policy"))
        .isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.header("Strict-Transport-Security"))
        .isEqualTo("max-age=31536000; includeSubDomains");
    assertThat(response.raw().headers().allValues("X-Frame-Options")).hasSize(1);
  }
}
