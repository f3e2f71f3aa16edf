package com.acme.saas.billing.subscriptions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over the subscriptions table. */
@Repository
class SubscriptionRepository {

  private final JdbcClient jdbc;

  SubscriptionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Subscription> find(String subscriptionId) {
    return jdbc.sql("select * from subscriptions where subscription_id = :id")
        .param("id", subscriptionId)
        .query(SubscriptionRepository::row)
        .optional();
  }

  /** The row, locked until the transaction ends. */
  Optional<Subscription> lock(String subscriptionId) {
    return jdbc.sql("select * from subscriptions where subscription_id = :id for update")
        .param("id", subscriptionId)
        .query(SubscriptionRepository::row)
        .optional();
  }

  /**
   * Serialises every change to one user's subscriptions (and so the SubscriptionChanged events they
   * cause) until the transaction ends.
   */
  void lockUser(UUID userId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "billing-user:" + userId)
        .query((rs, n) -> 1)
        .list();
  }

  List<Subscription> ofUser(UUID userId) {
    return jdbc.sql(
            "select * from subscriptions where user_id = :userId order by last_event_at desc, updated_at desc")
        .param("userId", userId)
        .query(SubscriptionRepository::row)
        .list();
  }

  List<Subscription> ofCustomer(String customerId) {
    return jdbc.sql("select * from subscriptions where customer_id = :customerId")
        .param("customerId", customerId)
        .query(SubscriptionRepository::row)
        .list();
  }

  void save(Subscription s) {
    jdbc.sql(
            """
            insert into subscriptions (subscription_id, user_id, customer_id, plan, status, current_period_end,
                                       cancel_at_period_end, cancel_at, last_event_at, updated_at)
            values (:id, :userId, :customerId, :plan, :status, :periodEnd, :cancelAtPeriodEnd, :cancelAt, :lastEventAt, now())
            on conflict (subscription_id) do update set
                user_id = excluded.user_id, customer_id = excluded.customer_id, plan = excluded.plan,
                status = excluded.status, current_period_end = excluded.current_period_end,
                cancel_at_period_end = excluded.cancel_at_period_end, cancel_at = excluded.cancel_at,
                last_event_at = excluded.last_event_at, updated_at = excluded.updated_at
            """)
        .param("id", s.subscriptionId())
        .param("userId", s.userId())
        .param("customerId", s.customerId())
        .param("plan", s.plan())
        .param("status", s.status())
        .param("periodEnd", timestamp(s.currentPeriodEnd()))
        .param("cancelAtPeriodEnd", s.cancelAtPeriodEnd())
        .param("cancelAt", timestamp(s.cancelAt()))
        .param("lastEventAt", timestamp(s.lastEventAt()))
        .update();
  }

  /** Gives a subscription that arrived without a known user its user; true when it had none. */
  boolean assignUser(String subscriptionId, UUID userId) {
    return jdbc.sql(
                "update subscriptions set user_id = :userId, updated_at = now() where subscription_id = :id and user_id is null")
            .param("userId", userId)
            .param("id", subscriptionId)
            .update()
        == 1;
  }

  /** Erasure: deletes the user's rows and returns the ids of those Stripe may still bill. */
  List<String> deleteOfUser(UUID userId) {
    return jdbc
        .sql(
            """
            delete from subscriptions where user_id = :userId
            returning subscription_id, status
            """)
        .param("userId", userId)
        .query((rs, n) -> new DeletedRow(rs.getString("subscription_id"), rs.getString("status")))
        .list()
        .stream()
        .filter(deleted -> !Subscription.ENDED.contains(deleted.status()))
        .map(DeletedRow::subscriptionId)
        .toList();
  }

  private record DeletedRow(String subscriptionId, String status) {}

  private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Subscription row(ResultSet rs, int rowNum) throws SQLException {
    return new Subscription(
        rs.getString("subscription_id"),
        rs.getObject("user_id", UUID.class),
        rs.getString("customer_id"),
        rs.getString("plan"),
        rs.getString("status"),
        instant(rs.getTimestamp("current_period_end")),
        rs.getBoolean("cancel_at_period_end"),
        instant(rs.getTimestamp("cancel_at")),
        rs.getTimestamp("last_event_at").toInstant());
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
