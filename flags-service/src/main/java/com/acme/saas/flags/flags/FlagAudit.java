package com.acme.saas.flags.flags;

import com.acme.saas.common.web.PageQuery;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail of flag changes ({@code flag_audit}), written in the transaction of the change.
 */
@Repository
class FlagAudit {

  /** What an entry's {@code action} says happened. */
  enum Action {
    CREATED("flag.created"),
    UPDATED("flag.updated"),
    DELETED("flag.deleted"),
    OVERRIDE_SET("override.set"),
    OVERRIDE_REMOVED("override.removed");

    final String name;

    Action(String name) {
      this.name = name;
    }
  }

  private final JdbcClient jdbc;
  private final JsonMapper json;

  FlagAudit(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records one change. {@code mentions} are the users the entry names besides the actor (listed
   * user ids, an override's user), so that erasing any of them finds the entry.
   */
  void record(
      String key,
      UUID actorId,
      Action action,
      @Nullable Object before,
      @Nullable Object after,
      Set<UUID> mentions) {
    UUID[] named =
        Stream.concat(Stream.of(actorId), mentions.stream()).distinct().toArray(UUID[]::new);
    jdbc.sql(
            """
            insert into flag_audit (flag_key, at, actor_id, action, before, after, mentions)
            values (:key, now(), :actorId, :action, cast(:before as jsonb), cast(:after as jsonb), cast(:mentions as uuid[]))
            """)
        .param("key", key)
        .param("actorId", actorId.toString())
        .param("action", action.name)
        .param("before", before == null ? null : json.writeValueAsString(before))
        .param("after", after == null ? null : json.writeValueAsString(after))
        .param("mentions", named)
        .update();
  }

  /** The flag's entries, newest first. */
  List<AuditEntryView> list(String key, PageQuery page) {
    return jdbc.sql(
            """
            select at, actor_id, action, before::text as before, after::text as after from flag_audit
             where flag_key = :key
             order by at desc, id desc
             limit :limit offset :offset
            """)
        .param("key", key)
        .param("limit", page.pageSize())
        .param("offset", page.offset())
        .query(
            (rs, n) ->
                new AuditEntryView(
                    rs.getObject("at", OffsetDateTime.class).toInstant(),
                    rs.getString("actor_id"),
                    rs.getString("action"),
                    rs.getString("before") == null ? null : json.readTree(rs.getString("before")),
                    rs.getString("after") == null ? null : json.readTree(rs.getString("after"))))
        .list();
  }

  long count(String key) {
    return jdbc.sql("select count(*) from flag_audit where flag_key = :key")
        .param("key", key)
        .query(Long.class)
        .single();
  }
}
