package com.acme.saas.billing.webhooks;

import com.acme.saas.billing.customers.StripeCustomers;
import com.acme.saas.billing.erasure.ErasedUsers;
import com.acme.saas.billing.subscriptions.SubscriptionSnapshot;
import com.acme.saas.billing.subscriptions.Subscriptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Applies a verified event in one transaction with the record of its id: applied once, all or
 * nothing. A failure rolls everything back and answers 500, so Stripe delivers it again.
 *
 * <p>The user of an event: the subscription's {@code metadata.userId} (set by our checkout), the
 * session's {@code client_reference_id}, else the customer's user. Events about an erased user
 * change nothing.
 */
@Service
class WebhookIntake {

  static final Set<String> HANDLED =
      Set.of(
          "checkout.session.completed",
          "customer.subscription.created",
          "customer.subscription.updated",
          "customer.subscription.deleted",
          "invoice.paid",
          "invoice.payment_failed",
          "invoice.payment_action_required",
          "customer.deleted");

  private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

  private final ProcessedWebhooks processed;
  private final Subscriptions subscriptions;
  private final StripeCustomers customers;
  private final ErasedUsers erased;
  private final MeterRegistry meters;

  WebhookIntake(
      ProcessedWebhooks processed,
      Subscriptions subscriptions,
      StripeCustomers customers,
      ErasedUsers erased,
      MeterRegistry meters) {
    this.processed = processed;
    this.subscriptions = subscriptions;
    this.customers = customers;
    this.erased = erased;
    this.meters = meters;
  }

  @Transactional
  public void apply(StripeEvent event) {
    String outcome;
    if (!HANDLED.contains(event.type())) {
      outcome = "ignored";
    } else if (!processed.record(event)) {
      outcome = "duplicate";
    } else {
      outcome = dispatch(event) ? "applied" : "unchanged";
    }
    meters
        .counter(
            "billing.webhooks",
            "type",
            HANDLED.contains(event.type()) ? event.type() : "other",
            "outcome",
            outcome)
        .increment();
    log.info("webhook.received eventId={} type={} outcome={}", event.id(), event.type(), outcome);
  }

  private boolean dispatch(StripeEvent event) {
    JsonNode object = event.object();
    return switch (event.type()) {
      case "checkout.session.completed" -> checkoutCompleted(object);
      case "customer.subscription.created",
          "customer.subscription.updated",
          "customer.subscription.deleted" ->
          subscriptionChanged(object, event);
      case "invoice.paid" ->
          onSubscriptionOfInvoice(
              object, id -> subscriptions.paymentSucceeded(id, event.created()));
      case "invoice.payment_failed", "invoice.payment_action_required" ->
          onSubscriptionOfInvoice(object, id -> subscriptions.paymentFailed(id, event.created()));
      case "customer.deleted" -> customerDeleted(object, event);
      default -> false;
    };
  }

  private boolean checkoutCompleted(JsonNode session) {
    UUID userId = StripeObjects.clientReferenceId(session);
    String customerId = StripeObjects.id(session.path("customer"));
    if (userId == null || erased.contains(userId, customerId)) {
      return false;
    }
    if (customerId != null) {
      customers.link(userId, customerId);
    }
    String subscriptionId = StripeObjects.id(session.path("subscription"));
    return subscriptionId != null && subscriptions.assign(subscriptionId, userId);
  }

  private boolean subscriptionChanged(JsonNode subscription, StripeEvent event) {
    SubscriptionSnapshot snapshot = StripeObjects.subscription(subscription);
    UUID userId = StripeObjects.metadataUserId(subscription);
    if (userId == null && snapshot.customerId() != null) {
      userId = customers.userOf(snapshot.customerId()).orElse(null);
    }
    if (erased.contains(userId, snapshot.customerId())) {
      return false;
    }
    return subscriptions.apply(snapshot, userId, event.created());
  }

  private boolean onSubscriptionOfInvoice(JsonNode invoice, Predicate<String> change) {
    String subscriptionId = StripeObjects.invoiceSubscription(invoice);
    return subscriptionId != null && change.test(subscriptionId);
  }

  private boolean customerDeleted(JsonNode customer, StripeEvent event) {
    String customerId = StripeObjects.id(customer.path("id"));
    if (customerId == null) {
      return false;
    }
    boolean changed = subscriptions.customerDeleted(customerId, event.created());
    customers.unlink(customerId);
    return changed;
  }
}
