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
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class HeaderHygieneTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @Test
  void clientSentIdentityHeadersNeverReachTheService() {
    JsonNode forwarded =
        forwardedHeaders(
            HttpApi.local(port)
                .call("GET", "/api/v1/users/me")
                .bearer(TestTokens.user(UUID.randomUUID()))
                .header("X-User-Id", UUID.randomUUID().toString())
                .header("X-User-Role", "ADMIN")
                .header("x-user-email", "boss@example.com"));

    forwarded.propertyNames().forEach(name -> assertThat(name).doesNotStartWith("x-user-"));
  }

  @Test
  void forwardedHeadersFromAnUntrustedPeerAreDropped() {
    JsonNode forwarded =
        forwardedHeaders(
            HttpApi.local(port)
                .call("GET", "/api/v1/billing/plans")
                .header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=203.0.113.7;host=evil.example"));

    assertThat(forwarded.path("x-forwarded-for").asString("")).doesNotContain("203.0.113.7");
    assertThat(forwarded.path("x-forwarded-host").asString("")).doesNotContain("evil.example");
    assertThat(forwarded.path("forwarded").asString("")).doesNotContain("203.0.113.7");
  }

  private static JsonNode forwardedHeaders(HttpApi.Call call) {
    HttpApi.Response response = call.send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.data().path("headers");
  }
}
