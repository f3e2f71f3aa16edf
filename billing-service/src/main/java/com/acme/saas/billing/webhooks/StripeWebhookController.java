package com.acme.saas.billing.webhooks;

import com.acme.saas.common.web.ApiResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's deliveries. Public (no token): the signature is the authentication. The body is taken
 * as the bytes received, since the signature covers exactly those bytes.
 */
@RestController
class StripeWebhookController {

  private final WebhookVerifier verifier;
  private final WebhookIntake intake;

  StripeWebhookController(WebhookVerifier verifier, WebhookIntake intake) {
    this.verifier = verifier;
    this.intake = intake;
  }

  @PostMapping("/api/v1/webhooks/stripe")
  ApiResponse<Map<String, Boolean>> receive(
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
    intake.apply(verifier.verify(body, signature));
    return ApiResponse.of(Map.of("received", true));
  }
}
