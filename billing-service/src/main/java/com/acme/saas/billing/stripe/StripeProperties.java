package com.acme.saas.billing.stripe;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How billing-service talks to Stripe ({@code billing.stripe.*}). The API key and at least one
 * webhook secret are required outside the dev profile.
 *
 * @param apiKey the secret key ({@code sk_live_...} or {@code sk_test_...})
 * @param apiBase Stripe's API, or a stand-in of it (the local stack's, the tests')
 * @param webhookSecrets the signing secrets of the webhook endpoint; while a rolled secret is still
 *     active Stripe signs with both, and a match with any of them passes
 * @param webhookTolerance how old a signature's timestamp may be
 * @param connectTimeout connect timeout of one attempt
 * @param readTimeout read timeout of one attempt; with the retries, a call ends well inside the
 *     gateway's 10 s
 * @param maxNetworkRetries stripe-java's retries of a failed connection or a 5xx (POSTs keep their
 *     idempotency key, so a retry never does a thing twice)
 * @param breaker the circuit breaker around every call
 */
@ConfigurationProperties("billing.stripe")
@Validated
public record StripeProperties(
    @DefaultValue("") String apiKey,
    @NotNull @DefaultValue("https://api.stripe.com") URI apiBase,
    @DefaultValue List<String> webhookSecrets,
    @DefaultValue("300s") Duration webhookTolerance,
    @DefaultValue("1s") Duration connectTimeout,
    @DefaultValue("3s") Duration readTimeout,
    @DefaultValue("1") @Min(0) @Max(5) int maxNetworkRetries,
    @DefaultValue Breaker breaker) {

  /**
   * @param failureRateThreshold percentage of failed calls that opens the breaker
   * @param minimumCalls calls in the window before the rate counts
   * @param windowSize calls the failure rate is measured over
   * @param openDuration how long an open breaker refuses calls before it lets a few through
   * @param retryAfter what 503 answers put in {@code Retry-After}
   */
  public record Breaker(
      @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
      @DefaultValue("5") @Min(1) int minimumCalls,
      @DefaultValue("10") @Min(1) int windowSize,
      @DefaultValue("30s") Duration openDuration,
      @DefaultValue("30s") Duration retryAfter) {}

  /** The secrets configured, without blanks (an unset variable binds as one empty entry). */
  public List<String> configuredWebhookSecrets() {
    return webhookSecrets.stream().map(String::strip).filter(secret -> !secret.isEmpty()).toList();
  }
}
