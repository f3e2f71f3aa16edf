package com.acme.saas.billing.webhooks;

import com.acme.saas.billing.subscriptions.SubscriptionSnapshot;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the few fields billing needs from Stripe's objects. Unknown fields are Stripe's business
 * and are ignored. Where API versions moved a field, the current place is read first and the old
 * one second, so events of an older endpoint version still apply.
 */
final class StripeObjects {

  private StripeObjects() {}

  static SubscriptionSnapshot subscription(JsonNode subscription) {
    JsonNode item = subscription.path("items").path("data").path(0);
    Instant periodEnd = epoch(item.path("current_period_end"));
    return new SubscriptionSnapshot(
        subscription.path("id").asString(),
        id(subscription.path("customer")),
        text(item.path("price").path("id")),
        subscription.path("status").asString(),
        // Before API version basil the period sat on the subscription itself.
        periodEnd != null ? periodEnd : epoch(subscription.path("current_period_end")),
        subscription.path("cancel_at_period_end").asBoolean(false),
        epoch(subscription.path("cancel_at")));
  }

  static @Nullable UUID metadataUserId(JsonNode object) {
    return uuid(object.path("metadata").path("userId"));
  }

  static @Nullable UUID clientReferenceId(JsonNode session) {
    return uuid(session.path("client_reference_id"));
  }

  /**
   * The invoice's subscription: {@code parent.subscription_details.subscription}, or the pre-basil
   * field.
   */
  static @Nullable String invoiceSubscription(JsonNode invoice) {
    String current = id(invoice.path("parent").path("subscription_details").path("subscription"));
    return current != null ? current : id(invoice.path("subscription"));
  }

  /** An id field, which an expanded object carries as {@code {"id": ...}}. */
  static @Nullable String id(JsonNode field) {
    return field.isObject() ? text(field.path("id")) : text(field);
  }

  private static @Nullable String text(JsonNode node) {
    return node.isString() && !node.asString().isBlank() ? node.asString() : null;
  }

  private static @Nullable Instant epoch(JsonNode node) {
    return node.canConvertToLong() && !node.isNull() ? Instant.ofEpochSecond(node.asLong()) : null;
  }

  private static @Nullable UUID uuid(JsonNode node) {
    String value = text(node);
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
