package com.acme.saas.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.billing.BillingServiceApplication;
import com.acme.saas.billing.StripeStandIn;
import com.acme.saas.testsupport.Infrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
        start("--billing.stripe.api-key=", "--billing.stripe.webhook-secrets=", "--STRIPE_PRICE_PRO", "--spring.profiles.active=dev")) {
      assertThat(context.getEnvironment().getProperty("billing.plans[1].price-id")).isEqualTo("price_dev_pro");
    }
  }

  /**
   * Starts billing-service on a fresh database; an override {@code --name=value} replaces the
   * setting of its name, {@code --name} alone leaves it unset.
   */
  private static ConfigurableApplicationContext start(String... overrides) {
    Infrastructure infrastructure = Infrastructure.get();
    String database = infrastructure.createDatabase(StripeSettingsTests.class.getSimpleName());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.port", "0");
    settings.put("spring.datasource.url", infrastructure.jdbcUrl(database));
    settings.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
    settings.put("saas.security.jwks-uri", TestTokens.jwksUri().toString());
    settings.put("saas.security.issuer", TestTokens.ISSUER);
    settings.put("saas.security.audience", TestTokens.AUDIENCE);
    settings.put("billing.stripe.api-base", StripeStandIn.baseUrl());
    settings.put("billing.stripe.api-key", StripeStandIn.API_KEY);
    settings.put("billing.stripe.webhook-secrets", StripeStandIn.WEBHOOK_SECRET);
    settings.put("STRIPE_PRICE_PRO", StripeStandIn.PRICE_PRO);
    settings.put("STRIPE_PRICE_TEAM", StripeStandIn.PRICE_TEAM);
    for (String override : overrides) {
      String[] nameAndValue = override.substring(2).split("=", 2);
      if (nameAndValue.length == 1) {
        settings.remove(nameAndValue[0]);
      } else {
        settings.put(nameAndValue[0], nameAndValue[1]);
      }
    }
    String[] arguments = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    return new SpringApplicationBuilder(BillingServiceApplication.class).run(arguments);
  }
}
