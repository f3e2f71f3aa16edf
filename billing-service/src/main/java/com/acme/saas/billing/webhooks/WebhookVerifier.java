package com.acme.saas.billing.webhooks;

import com.acme.saas.billing.stripe.StripeProperties;
import com.acme.saas.common.web.ApiException;
import com.stripe.Stripe;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a webhook's {@code Stripe-Signature} over the exact bytes received with stripe-java's
 * {@link Webhook#constructEvent}, against every configured secret (any match passes, so a secret
 * can be rolled). Whatever is wrong with a delivery, the header, its timestamp, the body, a thin
 * event, is the sender's fault and answers 400 VALIDATION_ERROR: constructEvent throws several
 * unchecked exceptions besides its checked one, and none of them may become a 500 (Stripe would
 * retry a 500 for three days).
 */
@Component
class WebhookVerifier {

  private static final Logger log = LoggerFactory.getLogger(WebhookVerifier.class);

  private final List<String> secrets;
  private final long toleranceSeconds;
  private final JsonMapper json;
  private final Counter versionMismatches;

  WebhookVerifier(StripeProperties properties, JsonMapper json, MeterRegistry meters) {
    this.secrets = properties.configuredWebhookSecrets();
    this.toleranceSeconds = properties.webhookTolerance().toSeconds();
    this.json = json;
    this.versionMismatches = meters.counter("billing.webhooks.api_version_mismatch");
  }

  StripeEvent verify(byte @Nullable [] body, @Nullable String signature) {
    if (signature == null || signature.isBlank()) {
      throw rejected("missing_signature", "The Stripe-Signature header is required");
    }
    if (body == null || body.length == 0) {
      throw rejected("empty_body", "The webhook body is empty");
    }
    String payload = new String(body, StandardCharsets.UTF_8);
    if (!signedByAnySecret(payload, signature)) {
      throw rejected(
          "bad_signature",
          "The Stripe-Signature does not match the body, or its timestamp is too old");
    }
    return read(payload);
  }

  private boolean signedByAnySecret(String payload, String signature) {
    for (String secret : secrets) {
      try {
        Webhook.constructEvent(payload, signature, secret, toleranceSeconds);
        return true;
      } catch (SignatureVerificationException e) {
        // Not this secret (or not signed at all): try the next one.
      } catch (RuntimeException e) {
        // A malformed header (t=abc, an element without '='), a body that is not a JSON object,
        // a thin event: stripe-java's unchecked answers to input it cannot read.
        throw rejected(
            "malformed", "The webhook could not be read: malformed signature header or body");
      }
    }
    return false;
  }

  private StripeEvent read(String payload) {
    JsonNode event;
    try {
      event = json.readTree(payload);
    } catch (JacksonException e) {
      throw rejected("malformed", "The webhook body is not JSON");
    }
    JsonNode object = event.path("data").path("object");
    if (!event.path("id").isString()
        || !event.path("type").isString()
        || !event.path("created").canConvertToLong()
        || !object.isObject()) {
      throw rejected(
          "not_an_event",
          "The webhook body is not a Stripe event with id, type, created and data.object");
    }
    String apiVersion =
        event.path("api_version").isString() ? event.path("api_version").asString() : null;
    if (apiVersion != null && !Stripe.API_VERSION.equals(apiVersion)) {
      versionMismatches.increment();
      log.warn(
          "webhook.api_version_mismatch eventId={} apiVersion={} pinned={}",
          event.path("id").asString(),
          apiVersion,
          Stripe.API_VERSION);
    }
    return new StripeEvent(
        event.path("id").asString(),
        event.path("type").asString(),
        Instant.ofEpochSecond(event.path("created").asLong()),
        apiVersion,
        object);
  }

  private static ApiException rejected(String reason, String message) {
    log.warn("webhook.rejected reason={}", reason);
    return ApiException.validation(message);
  }
}
