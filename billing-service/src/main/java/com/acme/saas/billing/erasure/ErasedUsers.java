package com.acme.saas.billing.erasure;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Users erased here, kept as bare ids with their former customer id so that a webhook arriving
 * after the erasure (Stripe announces the cancellation we asked for) cannot bring them back.
 */
@Component
public class ErasedUsers {

  private final JdbcClient jdbc;

  ErasedUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean contains(@Nullable UUID userId, @Nullable String customerId) {
    if (userId == null && customerId == null) {
      return false;
    }
    return jdbc.sql(
            """
            select exists (select 1 from erased_users where user_id = :userId or customer_id = :customerId)
            """)
        .param("userId", userId)
        .param("customerId", customerId)
        .query(Boolean.class)
        .single();
  }

  void add(UUID userId, @Nullable String customerId) {
    jdbc.sql(
            """
            insert into erased_users (user_id, customer_id, erased_at) values (:userId, :customerId, now())
            on conflict do nothing
            """)
        .param("userId", userId)
        .param("customerId", customerId)
        .update();
  }
}
