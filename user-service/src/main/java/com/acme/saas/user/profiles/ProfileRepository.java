package com.acme.saas.user.profiles;

import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.SearchText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code profiles} table. */
@Repository
class ProfileRepository {

  private static final String SEARCH =
      " where (cast(:pattern as text) is null or email ilike :pattern escape '\\' or name ilike :pattern escape '\\')";

  private final JdbcClient jdbc;

  ProfileRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Profile> find(UUID id) {
    return jdbc.sql("select * from profiles where id = :id")
        .param("id", id)
        .query(ProfileRepository::profile)
        .optional();
  }

  /** The profile, locked until the end of the transaction. */
  Optional<Profile> findForUpdate(UUID id) {
    return jdbc.sql("select * from profiles where id = :id for update")
        .param("id", id)
        .query(ProfileRepository::profile)
        .optional();
  }

  /**
   * Takes the lock that every role change and deletion holds until its transaction ends, then tells
   * how many admins there are: with changes to the admin set in single file, the count stays true
   * until the caller commits. One lock instead of locking the admins' rows: two changes scanning
   * the admin rows while a third flips one of them can each hold a row the other waits for (a
   * deadlock, seen with concurrent admins).
   */
  int lockAdmins() {
    jdbc.sql("select pg_advisory_xact_lock(hashtext('profiles-admin-set:' || current_schema()))")
        .query()
        .singleRow();
    return jdbc.sql("select count(*) from profiles where role = 'ADMIN'")
        .query(Integer.class)
        .single();
  }

  /** Creates the profile unless it exists; {@code provisional} when only a token vouches for it. */
  void insertIfAbsent(UUID id, String email, String name, String role, boolean provisional) {
    jdbc.sql(
            """
            with pending as (delete from pending_plans where user_id = :id returning plan),
                 verified as (delete from pending_verifications where user_id = :id returning user_id)
            insert into profiles (id, email, name, role, plan, email_verified, provisional, created_at, updated_at)
            values (:id, :email, :name, :role, coalesce((select plan from pending), 'free'),
                    exists (select 1 from verified), :provisional, now(), now())
            on conflict (id) do nothing
            """)
        .param("id", id)
        .param("email", email)
        .param("name", name)
        .param("role", role)
        .param("provisional", provisional)
        .update();
  }

  /**
   * Creates the profile from a registration, or completes one created provisionally from a token. A
   * profile already complete stays as it is, so a redelivered registration changes nothing.
   */
  void register(UUID id, String email, String name, String role) {
    jdbc.sql(
            """
            with pending as (delete from pending_plans where user_id = :id returning plan),
                 verified as (delete from pending_verifications where user_id = :id returning user_id)
            insert into profiles (id, email, name, role, plan, email_verified, provisional, created_at, updated_at)
            values (:id, :email, :name, :role, coalesce((select plan from pending), 'free'),
                    exists (select 1 from verified), false, now(), now())
            on conflict (id) do update
               set email = excluded.email, name = excluded.name, provisional = false, updated_at = now()
             where profiles.provisional
            """)
        .param("id", id)
        .param("email", email)
        .param("name", name)
        .param("role", role)
        .update();
  }

  Optional<Profile> rename(UUID id, String name) {
    return jdbc.sql(
            "update profiles set name = :name, provisional = false, updated_at = now() where id = :id returning *")
        .param("id", id)
        .param("name", name)
        .query(ProfileRepository::profile)
        .optional();
  }

  /** The user's plan; false when the user has no profile yet, whose creation will then take it. */
  boolean changePlan(UUID id, String plan) {
    boolean changed =
        jdbc.sql("update profiles set plan = :plan, updated_at = now() where id = :id")
                .param("id", id)
                .param("plan", plan)
                .update()
            == 1;
    if (!changed) {
      jdbc.sql(
              """
              insert into pending_plans (user_id, plan, received_at) values (:id, :plan, now())
              on conflict (user_id) do update set plan = excluded.plan, received_at = excluded.received_at
              """)
          .param("id", id)
          .param("plan", plan)
          .update();
    }
    return changed;
  }

  /**
   * Marks the address verified; false when the user has no profile yet, whose creation will then
   * take it.
   */
  boolean markEmailVerified(UUID id) {
    boolean found =
        jdbc.sql(
                        "update profiles set email_verified = true, updated_at = now() where id = :id and not email_verified")
                    .param("id", id)
                    .update()
                == 1
            || find(id).isPresent();
    if (!found) {
      jdbc.sql(
              "insert into pending_verifications (user_id, received_at) values (:id, now()) on conflict (user_id) do nothing")
          .param("id", id)
          .update();
    }
    return found;
  }

  Profile changeRole(UUID id, String role) {
    return jdbc.sql(
            "update profiles set role = :role, updated_at = now() where id = :id returning *")
        .param("id", id)
        .param("role", role)
        .query(ProfileRepository::profile)
        .single();
  }

  void delete(UUID id) {
    jdbc.sql("delete from profiles where id = :id").param("id", id).update();
    jdbc.sql("delete from pending_plans where user_id = :id").param("id", id).update();
    jdbc.sql("delete from pending_verifications where user_id = :id").param("id", id).update();
  }

  /** A page of profiles, newest first, whose email or name contains {@code q} ignoring case. */
  List<Profile> page(@Nullable String q, PageQuery page) {
    return jdbc.sql(
            "select * from profiles"
                + SEARCH
                + " order by created_at desc, id desc limit :limit offset :offset")
        .param("pattern", SearchText.containsPattern(q))
        .param("limit", page.pageSize())
        .param("offset", page.offset())
        .query(ProfileRepository::profile)
        .list();
  }

  long count(@Nullable String q) {
    return jdbc.sql("select count(*) from profiles" + SEARCH)
        .param("pattern", SearchText.containsPattern(q))
        .query(Long.class)
        .single();
  }

  private static Profile profile(ResultSet rs, int row) throws SQLException {
    return new Profile(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        rs.getString("name"),
        rs.getString("role"),
        rs.getString("plan"),
        rs.getBoolean("email_verified"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
