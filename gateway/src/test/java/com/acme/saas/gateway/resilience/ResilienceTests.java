package com.acme.saas.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.Backend;
import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.netty.channel.AbortedException;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "saas.gateway.resilience.timeout=500ms",
      "saas.gateway.resilience.minimum-calls=4",
      "saas.gateway.resilience.window-size=4",
      "saas.gateway.resilience.open-duration=1m",
      "saas.gateway.resilience.retry-after=7s"
    })
@RealInfrastructure
class ResilienceTests {

  static final Backend SLOW = Backend.start("slow-users").delay(Duration.ofSeconds(3));
  static final Backend FAILING = Backend.start("failing-billing").answer(502);
  static final int DEAD_PORT = deadPort();

  @LocalServerPort int port;
  @Autowired CircuitBreakerRegistry breakers;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
    registry.add("saas.gateway.services.users", SLOW::url);
    registry.add("saas.gateway.services.tasks", () -> "http://127.0.0.1:" + DEAD_PORT);
    registry.add("saas.gateway.services.billing", FAILING::url);
  }

  @Test
  void deadServiceAnswers503AtOnce() {
    long start = System.nanoTime();
    HttpApi.Response response =
        HttpApi.local(port).post("/api/v1/tasks", token(), "{\"title\":\"t\"}");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(response.header("Retry-After")).isEqualTo("7");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void clientsHangingUpDoNotOpenTheCircuit() {
    // What a route's breaker sees when clients hang up before their answers are written (seen in
    // the benchmark when its load generator stopped: the circuit opened for everyone else).
    CircuitBreaker breaker = breakers.circuitBreaker("flags-service");
    for (int i = 0; i < 8; i++) {
      breaker.onError(
          1,
          TimeUnit.MILLISECONDS,
          new AbortedException("Connection has been closed BEFORE send operation"));
    }

    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(HttpApi.local(port).get("/api/v1/flags/evaluate", token()).status()).isEqualTo(200);
  }

  @Test
  void repeatedFailuresOpenTheCircuit() {
    for (int i = 0; i < 5; i++) {
      assertThat(HttpApi.local(port).get("/api/v1/tasks", token()).status()).isEqualTo(503);
    }

    assertThat(breakers.circuitBreaker("task-service").getState())
        .isEqualTo(CircuitBreaker.State.OPEN);
    HttpApi.Response whileOpen = HttpApi.local(port).get("/api/v1/tasks", token());
    assertThat(whileOpen.status()).isEqualTo(503);
    assertThat(whileOpen.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(whileOpen.header("Retry-After")).isEqualTo("7");
  }

  @Test
  void slowServiceAnswers504WithinTheTimeout() {
    long start = System.nanoTime();
    HttpApi.Response response = HttpApi.local(port).get("/api/v1/users/me", token());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.status()).isEqualTo(504);
    assertThat(response.errorCode()).isEqualTo("GATEWAY_TIMEOUT");
    assertThat(took).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void onlyIdempotentRequestsAreRetried() {
    int before = FAILING.requests();
    HttpApi.local(port).get("/api/v1/billing/subscription", token());
    int afterGet = FAILING.requests();
    HttpApi.local(port).post("/api/v1/billing/portal-session", token(), "{}");
    int afterPost = FAILING.requests();

    assertThat(afterGet - before).isEqualTo(2);
    assertThat(afterPost - afterGet).isEqualTo(1);
  }

  private static String token() {
    return TestTokens.user(UUID.randomUUID());
  }

  private static int deadPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
