package com.acme.saas.billing.subscriptions;

import com.acme.saas.common.events.SubscriptionChanged;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /billing/subscription}: the user's subscription with its own plan and status, or
 * {@code free}/{@code none} before any.
 */
public record SubscriptionView(
    String plan,
    String status,
    @Schema(
            types = {"string", "null"},
            format = "date-time")
        @Nullable Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    @Schema(
            types = {"string", "null"},
            format = "date-time")
        @Nullable Instant cancelAt) {

  static final SubscriptionView NONE =
      new SubscriptionView(SubscriptionChanged.FREE, "none", null, false, null);

  static SubscriptionView of(Subscription subscription) {
    return new SubscriptionView(
        subscription.plan(),
        subscription.status(),
        subscription.currentPeriodEnd(),
        subscription.cancelAtPeriodEnd(),
        subscription.cancelAt());
  }
}
