package com.acme.saas.billing.webhooks;

import com.acme.saas.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's deliveries. Public (no token): the signature is the authentication. The body is taken as
 * the bytes received, since the signature covers exactly those bytes.
 */
@RestController
@SecurityScheme(
    name = StripeWebhookController.STRIPE_SIGNATURE,
    type = SecuritySchemeType.APIKEY,
    in = SecuritySchemeIn.HEADER,
    paramName = "Stripe-Signature",
    description =
        "Stripe's signature of the body with the endpoint's signing secret (STRIPE_WEBHOOK_SECRET)")
class StripeWebhookController {

  static final String STRIPE_SIGNATURE = "stripe-signature";

  private final WebhookVerifier verifier;
  private final WebhookIntake intake;

  StripeWebhookController(WebhookVerifier verifier, WebhookIntake intake) {
    this.verifier = verifier;
    this.intake = intake;
  }

  @PostMapping("/api/v1/webhooks/stripe")
  @SecurityRequirement(name = STRIPE_SIGNATURE)
  ApiResponse<Map<String, Boolean>> receive(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              description = "A Stripe Event object, as Stripe signed it",
              content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
          @RequestBody(required = false)
          byte @Nullable [] body,
      @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
    intake.apply(verifier.verify(body, signature));
    return ApiResponse.of(Map.of("received", true));
  }
}
