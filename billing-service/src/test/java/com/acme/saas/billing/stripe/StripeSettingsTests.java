package com.acme.saas.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.billing.BillingServiceApplication;
import com.acme.saas.billing.StripeStandIn;
import com.acme.saas.testsupport.StandaloneService;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Outside the dev profile billing-service refuses to start without what it needs to take money. */
class StripeSettingsTests {

  @Test
  void withoutAnApiKeyTheServiceRefusesToStartNamingTheSetting() {
    assertThatThrownBy(() -> start("--billing.stripe.api-key=").close())
        .rootCause()
        .hasMessageContaining("STRIPE_API_KEY")
        .hasMessageContaining("required outside the dev profile");
  }

  @Test
  void withoutAWebhookSecretTheServiceRefusesToStartNamingTheSetting() {
    assertThatThrownBy(() -> start("--billing.stripe.webhook-secrets=").close())
        .rootCause()
        .hasMessageContaining("STRIPE_WEBHOOK_SECRET")
        .hasMessageContaining("required outside the dev profile");
  }

  @Test
  void aPaidPlanWithoutItsPriceIsRefused() {
    assertThatThrownBy(() -> start("--STRIPE_PRICE_TEAM=").close())
        .hasStackTraceContaining("STRIPE_PRICE_TEAM");
  }

  @Test
  void theDevProfileStartsWithoutThemAndWithTheStandInsPrices() {
    try (ConfigurableApplicationContext context =
        start(
            "--billing.stripe.api-key=",
            "--billing.stripe.webhook-secrets=",
            "--STRIPE_PRICE_PRO",
            "--spring.profiles.active=dev")) {
      assertThat(context.getEnvironment().getProperty("billing.plans[1].price-id"))
          .isEqualTo("price_dev_pro");
    }
  }

  /** Starts billing-service on a fresh database with the stand-in, its key, secret and prices. */
  private static ConfigurableApplicationContext start(String... overrides) {
    return StandaloneService.start(
        BillingServiceApplication.class,
        Map.of(
            "billing.stripe.api-base", StripeStandIn.baseUrl(),
            "billing.stripe.api-key", StripeStandIn.API_KEY,
            "billing.stripe.webhook-secrets", StripeStandIn.WEBHOOK_SECRET,
            "STRIPE_PRICE_PRO", StripeStandIn.PRICE_PRO,
            "STRIPE_PRICE_TEAM", StripeStandIn.PRICE_TEAM),
        overrides);
  }
}
