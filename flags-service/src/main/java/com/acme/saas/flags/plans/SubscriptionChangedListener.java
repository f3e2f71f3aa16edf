package com.acme.saas.flags.plans;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.common.inbox.EventHandler;
import com.acme.saas.flags.evaluation.SnapshotChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps each user's effective plan for plan targeting; a lapsed subscription counts as free. */
@Component
class SubscriptionChangedListener implements EventHandler<SubscriptionChanged> {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionChangedListener.class);

  private final JdbcClient jdbc;
  private final SnapshotChanges changes;

  SubscriptionChangedListener(JdbcClient jdbc, SnapshotChanges changes) {
    this.jdbc = jdbc;
    this.changes = changes;
  }

  @Override
  public void handle(SubscriptionChanged event, EventEnvelope envelope) {
    String plan = event.effectivePlan();
    jdbc.sql(
            """
            insert into user_plans (user_id, plan, updated_at) values (:userId, :plan, now())
            on conflict (user_id) do update set plan = excluded.plan, updated_at = excluded.updated_at
            """)
        .param("userId", event.userId())
        .param("plan", plan)
        .update();
    changes.planChanged(event.userId());
    log.info("plan.changed userId={} plan={} status={}", event.userId(), plan, event.status());
  }
}
