package com.acme.saas.flags.erasure;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.inbox.EventHandler;
import com.acme.saas.flags.evaluation.SnapshotChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erases a deleted user: its overrides and plan row go, its id leaves every flag's user list, and
 * the audit trail keeps its entries with the id replaced by {@link #ERASED}. Everything happens in
 * the inbox transaction, so a redelivered UserDeleted finds nothing left to do.
 */
@Component
class UserDeletedListener implements EventHandler<UserDeleted> {

  /** What the audit trail shows where an erased user's id stood. */
  static final String ERASED = "erased-user";

  private static final Logger log = LoggerFactory.getLogger(UserDeletedListener.class);

  private final JdbcClient jdbc;
  private final SnapshotChanges changes;

  UserDeletedListener(JdbcClient jdbc, SnapshotChanges changes) {
    this.jdbc = jdbc;
    this.changes = changes;
  }

  @Override
  public void handle(UserDeleted event, EventEnvelope envelope) {
    String userId = event.userId().toString();
    int overrides =
        jdbc.sql("delete from flag_overrides where user_id = :userId")
            .param("userId", event.userId())
            .update();
    int flags =
        jdbc.sql(
                """
                update flags set user_ids = array_remove(user_ids, :userId), updated_at = now()
                 where user_ids @> array[:userId]
                """)
            .param("userId", event.userId())
            .update();
    jdbc.sql("delete from user_plans where user_id = :userId")
        .param("userId", event.userId())
        .update();
    // A UUID's text cannot occur inside another value of these entries, so a plain text
    // replacement rewrites exactly the places that name the user.
    int entries =
        jdbc.sql(
                """
                update flag_audit
                   set actor_id = case when actor_id = :id then :erased else actor_id end,
                       before = replace(before::text, :id, :erased)::jsonb,
                       after = replace(after::text, :id, :erased)::jsonb,
                       mentions = array_remove(mentions, :userId)
                 where mentions @> array[:userId]
                """)
            .param("id", userId)
            .param("erased", ERASED)
            .param("userId", event.userId())
            .update();
    changes.flagsChanged();
    changes.planChanged(event.userId());
    log.info(
        "user.erased userId={} overrides={} flags={} auditEntries={} eventId={}",
        event.userId(),
        overrides,
        flags,
        entries,
        envelope.eventId());
  }
}
