package com.acme.saas.task.quota;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.common.inbox.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Keeps each user's plan as billing-service reports it; a lapsed subscription counts as free. */
@Component
class SubscriptionChangedListener implements EventHandler<SubscriptionChanged> {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionChangedListener.class);

  private final PlanQuota quota;

  SubscriptionChangedListener(PlanQuota quota) {
    this.quota = quota;
  }

  @Override
  public void handle(SubscriptionChanged event, EventEnvelope envelope) {
    String plan = event.effectivePlan();
    quota.changePlan(event.userId(), plan);
    log.info("plan.changed userId={} plan={} status={}", event.userId(), plan, event.status());
  }
}
