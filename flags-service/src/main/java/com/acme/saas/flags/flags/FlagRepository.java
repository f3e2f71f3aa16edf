package com.acme.saas.flags.flags;

import com.acme.saas.common.web.PageQuery;
import com.acme.saas.flags.flags.FlagView.FlagSettings;
import com.acme.saas.flags.flags.FlagView.OverrideView;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code flags} and {@code flag_overrides} tables, for the admin API (evaluation reads the
 * snapshot).
 */
@Repository
class FlagRepository {

  private final JdbcClient jdbc;

  FlagRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the flag unless its key is taken; false when it is. */
  boolean insert(FlagSettings flag) {
    return jdbc.sql(
                """
                insert into flags (key, description, enabled, rollout_percentage, roles, plans, user_ids, created_at, updated_at)
                values (:key, :description, :enabled, :rollout, cast(:roles as text[]), cast(:plans as text[]),
                        cast(:userIds as uuid[]), now(), now())
                on conflict (key) do nothing
                """)
            .params(columns(flag))
            .update()
        == 1;
  }

  void update(FlagSettings flag) {
    jdbc.sql(
            """
            update flags
               set description = :description, enabled = :enabled, rollout_percentage = :rollout,
                   roles = cast(:roles as text[]), plans = cast(:plans as text[]),
                   user_ids = cast(:userIds as uuid[]), updated_at = now()
             where key = :key
            """)
        .params(columns(flag))
        .update();
  }

  void delete(String key) {
    jdbc.sql("delete from flags where key = :key").param("key", key).update();
  }

  Optional<FlagView> find(String key) {
    return jdbc.sql("select * from flags where key = :key")
        .param("key", key)
        .query(FlagRepository::row)
        .optional()
        .map(this::withOverrides);
  }

  /**
   * The flag, locked until the end of the transaction so that concurrent changes apply (and are
   * audited) in turn.
   */
  Optional<FlagView> findForUpdate(String key) {
    return jdbc.sql("select * from flags where key = :key for update")
        .param("key", key)
        .query(FlagRepository::row)
        .optional()
        .map(this::withOverrides);
  }

  List<FlagView> list(@Nullable String pattern, PageQuery page) {
    List<FlagRow> rows =
        jdbc.sql(
                "select * from flags"
                    + where(pattern)
                    + " order by key limit :limit offset :offset")
            .params(filter(pattern))
            .param("limit", page.pageSize())
            .param("offset", page.offset())
            .query(FlagRepository::row)
            .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<OverrideView>> overrides = new HashMap<>();
    jdbc.sql(
            "select flag_key, user_id, value from flag_overrides where flag_key in (:keys) order by flag_key, user_id")
        .param("keys", rows.stream().map(FlagRow::key).toList())
        .query(
            rs -> {
              overrides
                  .computeIfAbsent(rs.getString("flag_key"), key -> new ArrayList<>())
                  .add(
                      new OverrideView(
                          rs.getObject("user_id", UUID.class), rs.getBoolean("value")));
            });
    return rows.stream()
        .map(row -> row.view(overrides.getOrDefault(row.key(), List.of())))
        .toList();
  }

  long count(@Nullable String pattern) {
    return jdbc.sql("select count(*) from flags" + where(pattern))
        .params(filter(pattern))
        .query(Long.class)
        .single();
  }

  Optional<Boolean> override(String key, UUID userId) {
    return jdbc.sql("select value from flag_overrides where flag_key = :key and user_id = :userId")
        .param("key", key)
        .param("userId", userId)
        .query(Boolean.class)
        .optional();
  }

  void putOverride(String key, UUID userId, boolean value) {
    jdbc.sql(
            """
            insert into flag_overrides (flag_key, user_id, value, updated_at) values (:key, :userId, :value, now())
            on conflict (flag_key, user_id) do update set value = excluded.value, updated_at = excluded.updated_at
            """)
        .param("key", key)
        .param("userId", userId)
        .param("value", value)
        .update();
  }

  void deleteOverride(String key, UUID userId) {
    jdbc.sql("delete from flag_overrides where flag_key = :key and user_id = :userId")
        .param("key", key)
        .param("userId", userId)
        .update();
  }

  private FlagView withOverrides(FlagRow row) {
    return row.view(
        jdbc.sql("select user_id, value from flag_overrides where flag_key = :key order by user_id")
            .param("key", row.key())
            .query(
                (rs, n) ->
                    new OverrideView(rs.getObject("user_id", UUID.class), rs.getBoolean("value")))
            .list());
  }

  private static String where(@Nullable String pattern) {
    return pattern == null
        ? ""
        : " where key ilike :pattern escape '\\' or description ilike :pattern escape '\\'";
  }

  private static Map<String, Object> filter(@Nullable String pattern) {
    return pattern == null ? Map.of() : Map.of("pattern", pattern);
  }

  private static Map<String, Object> columns(FlagSettings flag) {
    return Map.of(
        "key", flag.key(),
        "description", flag.description(),
        "enabled", flag.enabled(),
        "rollout", flag.rolloutPercentage(),
        "roles", flag.roles().toArray(String[]::new),
        "plans", flag.plans().toArray(String[]::new),
        "userIds", flag.userIds().toArray(UUID[]::new));
  }

  private static FlagRow row(ResultSet rs, int n) throws SQLException {
    return new FlagRow(
        new FlagSettings(
            rs.getString("key"),
            rs.getString("description"),
            rs.getBoolean("enabled"),
            rs.getInt("rollout_percentage"),
            sorted(rs.getArray("roles"), String[].class),
            sorted(rs.getArray("plans"), String[].class),
            sorted(rs.getArray("user_ids"), UUID[].class)),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }

  private static <T extends Comparable<T>> List<T> sorted(Array array, Class<T[]> type)
      throws SQLException {
    T[] elements = type.cast(array.getArray());
    Arrays.sort(elements);
    return List.of(elements);
  }

  private record FlagRow(
      FlagSettings settings, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    String key() {
      return settings.key();
    }

    FlagView view(List<OverrideView> overrides) {
      return new FlagView(settings, overrides, createdAt.toInstant(), updatedAt.toInstant());
    }
  }
}
