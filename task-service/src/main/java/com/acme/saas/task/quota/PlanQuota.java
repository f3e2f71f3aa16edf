package com.acme.saas.task.quota;

import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The task quota of each user's plan: the free plan holds {@code tasks.free-limit} tasks, paid
 * plans have no cap. Plans come from SubscriptionChanged; a user nobody told us about is free.
 */
@Service
@EnableConfigurationProperties(QuotaProperties.class)
public class PlanQuota {

  private final JdbcClient jdbc;
  private final QuotaProperties properties;

  PlanQuota(JdbcClient jdbc, QuotaProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /**
   * Throws PLAN_LIMIT_REACHED when the user may not create another task. Runs in the caller's
   * create transaction and locks the user's plan row until it ends, so two creates of one user
   * count and insert one after the other and cannot both take the last free slot.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void ensureRoomForOneMore(UUID userId, LongSupplier tasksHeld) {
    jdbc.sql(
            "insert into user_plans (user_id, plan, updated_at) values (:userId, :plan, now()) on conflict do nothing")
        .param("userId", userId)
        .param("plan", SubscriptionChanged.FREE)
        .update();
    String plan =
        jdbc.sql("select plan from user_plans where user_id = :userId for update")
            .param("userId", userId)
            .query(String.class)
            .single();
    if (SubscriptionChanged.FREE.equals(plan) && tasksHeld.getAsLong() >= properties.freeLimit()) {
      throw new ApiException(
          ErrorCode.PLAN_LIMIT_REACHED,
          "The free plan holds at most "
              + properties.freeLimit()
              + " tasks; upgrade to create more");
    }
  }

  void changePlan(UUID userId, String plan) {
    jdbc.sql(
            """
            insert into user_plans (user_id, plan, updated_at) values (:userId, :plan, now())
            on conflict (user_id) do update set plan = excluded.plan, updated_at = excluded.updated_at
            """)
        .param("userId", userId)
        .param("plan", plan)
        .update();
  }

  /**
   * Forgets the user's plan (erasure); the user, were it ever seen again, would be on the free
   * plan.
   */
  public void forget(UUID userId) {
    jdbc.sql("delete from user_plans where user_id = :userId").param("userId", userId).update();
  }
}
