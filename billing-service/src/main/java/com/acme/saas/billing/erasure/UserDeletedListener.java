package com.acme.saas.billing.erasure;

import com.acme.saas.billing.customers.StripeCustomers;
import com.acme.saas.billing.subscriptions.Subscriptions;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.inbox.EventHandler;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Erases a deleted user: the local rows at once, in the inbox transaction, together with a durable
 * order to cancel the user's live subscriptions and delete the customer at Stripe. That order is
 * carried out by {@link StripeCleanups}, which retries until Stripe answers, so an outage of Stripe
 * delays the cancellation and never drops it. Repeating the event changes nothing.
 */
@Component
class UserDeletedListener implements EventHandler<UserDeleted> {

  private static final Logger log = LoggerFactory.getLogger(UserDeletedListener.class);

  private final Subscriptions subscriptions;
  private final StripeCustomers customers;
  private final ErasedUsers erased;
  private final StripeCleanups cleanups;

  UserDeletedListener(
      Subscriptions subscriptions,
      StripeCustomers customers,
      ErasedUsers erased,
      StripeCleanups cleanups) {
    this.subscriptions = subscriptions;
    this.customers = customers;
    this.erased = erased;
    this.cleanups = cleanups;
  }

  @Override
  public void handle(UserDeleted event, EventEnvelope envelope) {
    List<String> live = subscriptions.forget(event.userId());
    Optional<String> customer = customers.forget(event.userId());
    erased.add(event.userId(), customer.orElse(null));
    if (customer.isPresent() || !live.isEmpty()) {
      cleanups.schedule(event.userId(), customer.orElse(null), live);
    }
    log.info(
        "user.erased userId={} subscriptions={} customer={} eventId={}",
        event.userId(),
        live.size(),
        customer.isPresent(),
        envelope.eventId());
  }
}
