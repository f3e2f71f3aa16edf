package com.acme.saas.billing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stripe's API as the tests meet it: WireMock on a loopback port with the local stack's stubs
 * (infra/dev/stripe, on the test classpath as {@code stripe/}), which answer Stripe-shaped bodies
 * with fresh ids. The real stripe-java client talks to it over HTTP. One server per test JVM.
 */
public final class StripeStandIn {

  public static final String API_KEY = "sk_test_billing_tests";
  public static final String WEBHOOK_SECRET = "whsec_test_current";
  public static final String ROLLED_WEBHOOK_SECRET = "whsec_test_previous";
  public static final String PRICE_PRO = "price_test_pro";
  public static final String PRICE_TEAM = "price_test_team";

  private static WireMockServer server;

  private StripeStandIn() {}

  public static synchronized WireMockServer server() {
    if (server == null) {
      server =
          new WireMockServer(
              options()
                  .dynamicPort()
                  .bindAddress("127.0.0.1")
                  .usingFilesUnderClasspath("stripe")
                  .globalTemplating(true));
      server.start();
    }
    return server;
  }

  public static String baseUrl() {
    return "http://127.0.0.1:" + server().port();
  }

  /**
   * Points billing-service at the stand-in, with the test key, both webhook secrets and the prices.
   */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("billing.stripe.api-base", StripeStandIn::baseUrl);
    registry.add("billing.stripe.api-key", () -> API_KEY);
    registry.add(
        "billing.stripe.webhook-secrets", () -> WEBHOOK_SECRET + "," + ROLLED_WEBHOOK_SECRET);
    registry.add("STRIPE_PRICE_PRO", () -> PRICE_PRO);
    registry.add("STRIPE_PRICE_TEAM", () -> PRICE_TEAM);
  }

  /**
   * The requests the stand-in received whose URL starts with {@code path} and whose body or URL
   * mentions {@code marker}, oldest first.
   */
  public static List<LoggedRequest> requests(String method, String path, String marker) {
    return server().getAllServeEvents().reversed().stream()
        .map(event -> event.getRequest())
        .filter(
            request ->
                request.getMethod().getName().equals(method) && request.getUrl().startsWith(path))
        .filter(
            request ->
                request.getUrl().contains(marker) || request.getBodyAsString().contains(marker))
        .map(LoggedRequest.class::cast)
        .toList();
  }
}
