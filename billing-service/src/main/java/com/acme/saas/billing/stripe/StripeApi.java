package com.acme.saas.billing.stripe;

import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.billingportal.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.billingportal.SessionCreateParams;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every call billing-service makes to Stripe, each through the circuit breaker. Stripe being slow
 * or down answers 503 SERVICE_UNAVAILABLE with {@code Retry-After}, soon (the breaker refuses at
 * once while open); any other Stripe error is ours (a wrong price id, a revoked key) and surfaces
 * as a logged 500.
 */
@Component
public class StripeApi {

  private static final Logger log = LoggerFactory.getLogger(StripeApi.class);

  private final StripeClient stripe;
  private final CircuitBreaker breaker;
  private final StripeProperties properties;

  StripeApi(StripeClient stripe, CircuitBreaker stripeCircuitBreaker, StripeProperties properties) {
    this.stripe = stripe;
    this.breaker = stripeCircuitBreaker;
    this.properties = properties;
  }

  /**
   * Creates the user's customer. The idempotency key is the user's, so a retry or a double click
   * within Stripe's 24 h key lifetime returns the same customer instead of a second one.
   */
  public String createCustomer(UUID userId, String email) {
    CustomerCreateParams params =
        CustomerCreateParams.builder()
            .setEmail(email)
            .putMetadata("userId", userId.toString())
            .build();
    RequestOptions options =
        RequestOptions.builder().setIdempotencyKey("customer-" + userId).build();
    return call("customers.create", () -> stripe.v1().customers().create(params, options)).getId();
  }

  public com.stripe.model.checkout.Session createCheckoutSession(
      com.stripe.param.checkout.SessionCreateParams params) {
    return call("checkout.sessions.create", () -> stripe.v1().checkout().sessions().create(params));
  }

  public Session createPortalSession(String customerId, String returnUrl) {
    SessionCreateParams params =
        SessionCreateParams.builder().setCustomer(customerId).setReturnUrl(returnUrl).build();
    return call(
        "billing_portal.sessions.create",
        () -> stripe.v1().billingPortal().sessions().create(params));
  }

  /** Cancels a subscription now; one that Stripe no longer has counts as cancelled. */
  public void cancelSubscription(String subscriptionId) {
    remove("subscriptions.cancel", () -> stripe.v1().subscriptions().cancel(subscriptionId));
  }

  /** Deletes a customer; one that Stripe no longer has counts as deleted. */
  public void deleteCustomer(String customerId) {
    remove("customers.delete", () -> stripe.v1().customers().delete(customerId));
  }

  /** A removal: what Stripe answers 404 for is already gone, which is what was asked. */
  private void remove(String operation, StripeCall<?> call) {
    try {
      call(operation, call);
    } catch (StripeRequestFailedException e) {
      if (!(e.getCause() instanceof StripeException stripeError)
          || !Integer.valueOf(404).equals(stripeError.getStatusCode())) {
        throw e;
      }
    }
  }

  private <T> T call(String operation, StripeCall<T> call) {
    try {
      return breaker.executeCheckedSupplier(call::run);
    } catch (CallNotPermittedException e) {
      log.warn("stripe.refused operation={} reason=circuit_open", operation);
      throw unavailable();
    } catch (StripeException e) {
      if (StripeConfiguration.isUnavailability(e)) {
        log.warn(
            "stripe.unavailable operation={} status={} error={}",
            operation,
            e.getStatusCode(),
            e.getClass().getSimpleName());
        throw unavailable();
      }
      throw new StripeRequestFailedException(operation, e);
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      // stripe-java cannot read some answers (a 5xx without a JSON body from a proxy in front of
      // Stripe ends in a NullPointerException): Stripe is not answering as Stripe.
      log.warn(
          "stripe.unavailable operation={} reason=unreadable_answer error={}",
          operation,
          e.toString());
      throw unavailable();
    } catch (Throwable e) {
      throw new IllegalStateException(operation + " failed", e);
    }
  }

  private ApiException unavailable() {
    return new ApiException(
        ErrorCode.SERVICE_UNAVAILABLE,
        "Payments are unavailable at the moment; try again shortly",
        properties.breaker().retryAfter());
  }

  @FunctionalInterface
  private interface StripeCall<T> {
    T run() throws StripeException;
  }
}
