package com.acme.saas.billing.checkout;

import com.acme.saas.billing.customers.StripeCustomers;
import com.acme.saas.billing.plans.Plan;
import com.acme.saas.billing.plans.PlanCatalogue;
import com.acme.saas.billing.stripe.StripeApi;
import com.acme.saas.billing.subscriptions.Subscriptions;
import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Starts the caller's purchase on Stripe's hosted pages. Nothing here changes a plan: that happens
 * only when Stripe's signed webhooks say the payment went through.
 */
@Service
@EnableConfigurationProperties(CheckoutProperties.class)
class CheckoutService {

  private final PlanCatalogue catalogue;
  private final StripeCustomers customers;
  private final Subscriptions subscriptions;
  private final StripeApi stripe;
  private final CheckoutProperties properties;

  CheckoutService(
      PlanCatalogue catalogue,
      StripeCustomers customers,
      Subscriptions subscriptions,
      StripeApi stripe,
      CheckoutProperties properties) {
    this.catalogue = catalogue;
    this.customers = customers;
    this.subscriptions = subscriptions;
    this.stripe = stripe;
    this.properties = properties;
  }

  CheckoutSession checkout(CurrentUser user, String planId) {
    Plan plan = catalogue.purchasable(planId);
    if (subscriptions.isEntitled(user.id())) {
      throw ApiException.conflict("You already have a paid plan; change it in the customer portal");
    }
    String customer = customers.ensureCustomer(user.id(), user.email());
    Session session =
        stripe.createCheckoutSession(
            SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customer)
                .setClientReferenceId(user.id().toString())
                .addLineItem(
                    SessionCreateParams.LineItem.builder()
                        .setPrice(plan.priceId())
                        .setQuantity(1L)
                        .build())
                .setSubscriptionData(
                    SessionCreateParams.SubscriptionData.builder()
                        .putMetadata("userId", user.id().toString())
                        .build())
                .setSuccessUrl(properties.successUrl())
                .setCancelUrl(properties.cancelUrl())
                .build());
    return new CheckoutSession(session.getId(), session.getUrl());
  }

  PortalSession portal(CurrentUser user) {
    String customer =
        customers
            .customerOf(user.id())
            .orElseThrow(
                () ->
                    ApiException.conflict(
                        "You are not a customer yet: buy a plan through checkout first"));
    return new PortalSession(
        stripe.createPortalSession(customer, properties.portalReturnUrl()).getUrl());
  }

  record CheckoutSession(String id, String url) {}

  record PortalSession(String url) {}
}
