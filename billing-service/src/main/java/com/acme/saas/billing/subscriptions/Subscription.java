package com.acme.saas.billing.subscriptions;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A Stripe subscription as the newest event applied described it. */
record Subscription(
    String subscriptionId,
    @Nullable UUID userId,
    @Nullable String customerId,
    String plan,
    String status,
    @Nullable Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    @Nullable Instant cancelAt,
    Instant lastEventAt) {

  /** Statuses that entitle the user to the plan: the one rule of the suite. */
  static final Set<String> ENTITLED = Set.of("active", "trialing");

  /** Statuses a subscription never leaves. */
  static final Set<String> ENDED = Set.of("canceled", "incomplete_expired");

  boolean entitled() {
    return ENTITLED.contains(status);
  }

  boolean ended() {
    return ENDED.contains(status);
  }

  Subscription withStatus(String newStatus, Instant eventAt) {
    return new Subscription(
        subscriptionId,
        userId,
        customerId,
        plan,
        newStatus,
        currentPeriodEnd,
        cancelAtPeriodEnd,
        cancelAt,
        eventAt);
  }
}
