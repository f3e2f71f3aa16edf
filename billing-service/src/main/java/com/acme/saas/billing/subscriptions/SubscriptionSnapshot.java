package com.acme.saas.billing.subscriptions;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code customer.subscription.*} event says about its subscription.
 *
 * @param priceId the price of its first item, which decides the plan
 * @param currentPeriodEnd from the item (API versions since basil moved it off the subscription)
 */
public record SubscriptionSnapshot(
    String subscriptionId,
    @Nullable String customerId,
    @Nullable String priceId,
    String status,
    @Nullable Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    @Nullable Instant cancelAt) {}
