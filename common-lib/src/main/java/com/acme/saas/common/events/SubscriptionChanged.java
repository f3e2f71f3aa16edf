package com.acme.saas.common.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * billing-service applied a Stripe subscription change. {@code plan} is free, pro or team; {@code
 * status} is Stripe's subscription status.
 */
public record SubscriptionChanged(
    UUID userId,
    String plan,
    String status,
    @Nullable Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd)
    implements DomainEvent {

  public static final EventType<SubscriptionChanged> TYPE =
      new EventType<>(
          Topics.SUBSCRIPTION_EVENTS, "SubscriptionChanged", 1, SubscriptionChanged.class);

  public static final String FREE = "free";
  private static final Set<String> ENTITLED_STATUSES = Set.of("active", "trialing");

  @Override
  public EventType<SubscriptionChanged> eventType() {
    return TYPE;
  }

  @Override
  public String key() {
    return userId.toString();
  }

  /**
   * The plan the user is entitled to now: a subscription that is not active or trialing is free.
   */
  public String effectivePlan() {
    return ENTITLED_STATUSES.contains(status) ? plan : FREE;
  }
}
