package com.acme.saas.billing;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SubscriptionChanged events billing-service wrote to its outbox for one user, oldest first.
 */
public final class SubscriptionEvents {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SubscriptionEvents() {}

  /** Each event's payload: {@code {userId, plan, status, currentPeriodEnd, cancelAtPeriodEnd}}. */
  public static List<JsonNode> of(JdbcClient jdbc, UUID userId) {
    return jdbc
        .sql(
            "select payload::text from outbox where event_type = 'SubscriptionChanged' and message_key = :key order by id")
        .param("key", userId.toString())
        .query(String.class)
        .list()
        .stream()
        .map(payload -> JSON.readTree(payload).path("payload"))
        .toList();
  }

  /** {@code plan/status} of each event, e.g. {@code pro/active}. */
  public static List<String> planAndStatus(JdbcClient jdbc, UUID userId) {
    return of(jdbc, userId).stream()
        .map(p -> p.path("plan").asString() + "/" + p.path("status").asString())
        .toList();
  }
}
