package com.acme.saas.user.profiles;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.common.inbox.EventHandler;
import org.springframework.stereotype.Component;

/** Shows the plan the user is entitled to on the profile; a lapsed subscription shows free. */
@Component
class SubscriptionChangedListener implements EventHandler<SubscriptionChanged> {

  private final ProfileService service;

  SubscriptionChangedListener(ProfileService service) {
    this.service = service;
  }

  @Override
  public void handle(SubscriptionChanged event, EventEnvelope envelope) {
    service.changePlan(event.userId(), event.effectivePlan());
  }
}
