package com.acme.saas.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeProperties.class)
class StripeConfiguration {

  /**
   * The real stripe-java client. Outside the dev profile a missing API key or webhook secret stops
   * the service here, naming the setting, instead of failing the first customer's checkout.
   */
  @Bean
  StripeClient stripeClient(StripeProperties properties, Environment environment) {
    if (!environment.acceptsProfiles(Profiles.of("dev"))) {
      if (properties.apiKey().isBlank()) {
        throw new IllegalStateException(
            "billing.stripe.api-key (STRIPE_API_KEY) is required outside the dev profile: set it to the account's secret key");
      }
      if (properties.configuredWebhookSecrets().isEmpty()) {
        throw new IllegalStateException(
            "billing.stripe.webhook-secrets (STRIPE_WEBHOOK_SECRET) is required outside the dev profile: set it to the endpoint's whsec_ secret");
      }
    }
    return StripeClient.builder()
        .setApiKey(properties.apiKey().isBlank() ? "sk_test_unset" : properties.apiKey())
        .setApiBase(stripBase(properties))
        .setConnectTimeout((int) properties.connectTimeout().toMillis())
        .setReadTimeout((int) properties.readTimeout().toMillis())
        .setMaxNetworkRetries(properties.maxNetworkRetries())
        .build();
  }

  /**
   * Opens on unavailability only (no connection, timeouts, 429, 5xx, unreadable answers): a 4xx is
   * an answer, and a breaker that opened on it would refuse good requests for someone else's bad
   * one.
   */
  @Bean
  CircuitBreaker stripeCircuitBreaker(StripeProperties properties, MeterRegistry meters) {
    StripeProperties.Breaker settings = properties.breaker();
    CircuitBreaker breaker =
        CircuitBreaker.of(
            "stripe",
            CircuitBreakerConfig.custom()
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .recordException(StripeConfiguration::isUnavailability)
                .build());
    meters.gauge(
        "billing.stripe.breaker.open",
        Tags.empty(),
        breaker,
        b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0);
    return breaker;
  }

  static boolean isUnavailability(Throwable error) {
    if (error instanceof ApiConnectionException || error instanceof RateLimitException) {
      return true;
    }
    if (error instanceof RuntimeException) {
      // An answer stripe-java could not read (see StripeApi).
      return true;
    }
    return error instanceof StripeException stripe
        && stripe.getStatusCode() != null
        && stripe.getStatusCode() >= 500;
  }

  private static String stripBase(StripeProperties properties) {
    String base = properties.apiBase().toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
