package com.acme.saas.billing.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.billing.StripeStandIn;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Stripe slow or down: the user gets a quick 503 with Retry-After, never a hang or a 500, and the
 * breaker opens.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "billing.stripe.read-timeout=400ms",
      "billing.stripe.max-network-retries=1",
      "billing.stripe.breaker.minimum-calls=3",
      "billing.stripe.breaker.window-size=3",
      "billing.stripe.breaker.open-duration=60s",
      "billing.stripe.breaker.retry-after=15s"
    })
@RealInfrastructure
class StripeOutageTests {

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    StripeStandIn.register(registry);
  }

  @LocalServerPort int port;

  private final List<StubMapping> outage = new ArrayList<>();

  @AfterEach
  void stripeRecovers() {
    outage.forEach(StripeStandIn.server()::removeStub);
  }

  @Test
  void aSlowStripeAnswers503WithRetryAfterWellWithinTheGatewaysTimeout() {
    outage.add(
        StripeStandIn.server()
            .stubFor(
                post(urlPathEqualTo("/v1/customers"))
                    .atPriority(1)
                    .willReturn(aResponse().withStatus(200).withFixedDelay(3_000))));

    long started = System.nanoTime();
    HttpApi.Response response = checkout(UUID.randomUUID());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(response.status()).as(response.toString()).isEqualTo(503);
    assertThat(response.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(response.header("Retry-After")).isEqualTo("15");
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aFailingStripeOpensTheBreakerAndThenNoCallLeaves() {
    outage.add(
        StripeStandIn.server()
            .stubFor(
                post(urlPathEqualTo("/v1/customers"))
                    .atPriority(1)
                    .willReturn(
                        aResponse()
                            .withStatus(500)
                            .withBody(
                                "{\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}"))));
    for (int i = 0; i < 3; i++) {
      assertThat(checkout(UUID.randomUUID()).status()).isEqualTo(503);
    }
    UUID userId = UUID.randomUUID();

    long started = System.nanoTime();
    HttpApi.Response refused = checkout(userId);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(refused.header("Retry-After")).isEqualTo("15");
    assertThat(refused.text()).doesNotContain("Exception", "stripe.com", "127.0.0.1");
    assertThat(StripeStandIn.requests("POST", "/v1/customers", userId.toString())).isEmpty();
    assertThat(took).isLessThan(Duration.ofMillis(500));
  }

  private HttpApi.Response checkout(UUID userId) {
    return HttpApi.local(port)
        .post("/api/v1/billing/checkout-session", TestTokens.user(userId), Map.of("plan", "pro"));
  }
}
