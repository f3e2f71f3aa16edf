package com.acme.saas.flags.evaluation;

import com.acme.saas.common.events.SubscriptionChanged;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every flag, override and user plan, held in memory so that an evaluation reads no database.
 * Reloads are serialised: each one reads what is committed when it runs, so the last reload is
 * always the freshest, whichever notification triggered it.
 */
@Component
public class FlagSnapshot {

  private static final Logger log = LoggerFactory.getLogger(FlagSnapshot.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate consistentRead;
  private volatile Map<String, FlagDefinition> flags = Map.of();
  private volatile Map<UUID, String> plans = new ConcurrentHashMap<>();

  FlagSnapshot(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.consistentRead = new TransactionTemplate(transactions);
    // Flags and their overrides come from one snapshot of the database.
    this.consistentRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.consistentRead.setReadOnly(true);
  }

  public Optional<FlagDefinition> flag(String key) {
    return Optional.ofNullable(flags.get(key));
  }

  /** Every flag, ordered by key. */
  public Collection<FlagDefinition> flags() {
    return flags.values();
  }

  /** The user's effective plan; free until a SubscriptionChanged said otherwise. */
  public String planOf(UUID userId) {
    return plans.getOrDefault(userId, SubscriptionChanged.FREE);
  }

  synchronized void reloadAll() {
    reloadFlags();
    Map<UUID, String> loaded = new ConcurrentHashMap<>();
    jdbc.sql("select user_id, plan from user_plans")
        .query(
            rs -> {
              loaded.put(rs.getObject("user_id", UUID.class), rs.getString("plan"));
            });
    plans = loaded;
    log.info("flags.snapshot.loaded flags={} plans={}", flags.size(), loaded.size());
  }

  synchronized void reloadFlags() {
    Map<String, FlagDefinition> loaded = consistentRead.execute(status -> loadFlags());
    flags = loaded == null ? Map.of() : loaded;
  }

  synchronized void reloadPlan(UUID userId) {
    Optional<String> plan =
        jdbc.sql("select plan from user_plans where user_id = :userId")
            .param("userId", userId)
            .query(String.class)
            .optional();
    if (plan.isPresent()) {
      plans.put(userId, plan.get());
    } else {
      plans.remove(userId);
    }
  }

  private Map<String, FlagDefinition> loadFlags() {
    Map<String, Map<UUID, Boolean>> overrides = new HashMap<>();
    jdbc.sql("select flag_key, user_id, value from flag_overrides")
        .query(
            rs -> {
              overrides
                  .computeIfAbsent(rs.getString("flag_key"), key -> new HashMap<>())
                  .put(rs.getObject("user_id", UUID.class), rs.getBoolean("value"));
            });
    List<FlagDefinition> rows =
        jdbc.sql("select key, enabled, rollout_percentage, roles, plans, user_ids from flags")
            .query(
                (rs, row) -> definition(rs, overrides.getOrDefault(rs.getString("key"), Map.of())))
            .list();
    Map<String, FlagDefinition> byKey = new TreeMap<>();
    rows.forEach(flag -> byKey.put(flag.key(), flag));
    return Collections.unmodifiableMap(byKey);
  }

  private static FlagDefinition definition(ResultSet rs, Map<UUID, Boolean> overrides)
      throws SQLException {
    return new FlagDefinition(
        rs.getString("key"),
        rs.getBoolean("enabled"),
        rs.getInt("rollout_percentage"),
        Set.of(elements(rs.getArray("roles"), String[].class)),
        Set.of(elements(rs.getArray("plans"), String[].class)),
        Set.of(elements(rs.getArray("user_ids"), UUID[].class)),
        overrides);
  }

  /**
   * A Postgres array column as a Java array (pgjdbc maps text[] and uuid[] to String[] and UUID[]).
   */
  static <T> T[] elements(@Nullable Array array, Class<T[]> type) throws SQLException {
    return type.cast(
        array == null
            ? java.lang.reflect.Array.newInstance(type.getComponentType(), 0)
            : array.getArray());
  }
}
