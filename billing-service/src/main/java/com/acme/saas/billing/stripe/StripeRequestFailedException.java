package com.acme.saas.billing.stripe;

import com.stripe.exception.StripeException;

/**
 * Stripe refused a request for a reason on our side (an unknown price, a revoked key). Not the
 * client's fault, so it answers 500 and is logged with Stripe's request id for the Dashboard.
 */
public class StripeRequestFailedException extends RuntimeException {

  public StripeRequestFailedException(String operation, StripeException cause) {
    super(
        "Stripe "
            + operation
            + " failed: status="
            + cause.getStatusCode()
            + " code="
            + cause.getCode()
            + " requestId="
            + cause.getRequestId(),
        cause);
  }
}
