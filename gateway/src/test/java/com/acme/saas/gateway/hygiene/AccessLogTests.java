package com.acme.saas.gateway.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @Test
  void eachRequestIsLoggedAsJsonWithoutTheToken(CapturedOutput output) throws InterruptedException {
    UUID userId = UUID.randomUUID();
    String token = TestTokens.user(userId);

    HttpApi.local(port)
        .call("GET", "/api/v1/tasks?q=secret")
        .bearer(token)
        .header("X-Request-Id", "log-me-1")
        .send();

    JsonNode line = accessLine(output, "log-me-1");
    assertThat(line.path("method").asString()).isEqualTo("GET");
    assertThat(line.path("path").asString()).isEqualTo("/api/v1/tasks");
    assertThat(line.path("status").asInt()).isEqualTo(200);
    assertThat(line.path("userId").asString()).isEqualTo(userId.toString());
    assertThat(line.has("durationMs")).isTrue();
    assertThat(output.getAll())
        .doesNotContain(token)
        .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
  }

  @Test
  void refusedRequestIsLoggedWithItsStatus(CapturedOutput output) throws InterruptedException {
    HttpApi.local(port)
        .call("GET", "/api/v1/users")
        .bearer("forged.token.here")
        .header("X-Request-Id", "log-me-2")
        .send();

    JsonNode line = accessLine(output, "log-me-2");
    assertThat(line.path("status").asInt()).isEqualTo(401);
    assertThat(output.getAll()).doesNotContain("forged.token.here");
  }

  /**
   * The line is written once the exchange has completed, which can be just after the client has the
   * answer.
   */
  private static JsonNode accessLine(CapturedOutput output, String requestId)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      Optional<JsonNode> line =
          output
              .getAll()
              .lines()
              .filter(
                  text ->
                      text.startsWith("{")
                          && text.contains("\"gateway.access\"")
                          && text.contains(requestId))
              .map(JSON::readTree)
              .findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no access log line for " + requestId);
      }
      Thread.sleep(20);
    }
  }
}
