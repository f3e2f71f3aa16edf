package com.acme.saas.auth.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The {@code account_tokens} table: single-use tokens mailed to an account's address, stored only
 * as their SHA-256. Using one is a single conditional update, so two requests with the same token
 * cannot both succeed. Times come from the service's {@link Clock}, so a token's lifetime is
 * measured where it is issued and used (and a test can move past it).
 */
@Repository
public class OneTimeTokens {

  /** What a token lets its holder do. */
  public enum Purpose {
    EMAIL_VERIFICATION,
    PASSWORD_RESET
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  OneTimeTokens(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores a new token's hash and returns the token, which only its mail will carry. */
  public String issue(UUID userId, Purpose purpose, Duration ttl) {
    String token = SecretTokens.newToken();
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into account_tokens (token_hash, user_id, purpose, expires_at, created_at)
            values (:hash, :userId, :purpose, :expiresAt, :now)
            """)
        .param("hash", SecretTokens.hash(token))
        .param("userId", userId)
        .param("purpose", purpose.name())
        .param("expiresAt", Timestamp.from(now.plus(ttl)))
        .param("now", Timestamp.from(now))
        .update();
    return token;
  }

  /** Uses the token up if it is unused, unexpired and for {@code purpose}; tells whose it was. */
  public Optional<UUID> use(Purpose purpose, String token) {
    return jdbc.sql(
            """
            update account_tokens set used_at = :now
             where token_hash = :hash and purpose = :purpose and used_at is null and expires_at > :now
            returning user_id
            """)
        .param("hash", SecretTokens.hash(token))
        .param("purpose", purpose.name())
        .param("now", Timestamp.from(clock.instant()))
        .query(UUID.class)
        .optional();
  }

  /** Kills every unused token of the user for {@code purpose}. */
  public int killAll(UUID userId, Purpose purpose) {
    return jdbc.sql(
            "update account_tokens set used_at = :now where user_id = :userId and purpose = :purpose and used_at is null")
        .param("userId", userId)
        .param("purpose", purpose.name())
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  /**
   * How many tokens for {@code purpose} the user was issued within {@code window}: the per-user
   * limits.
   */
  public int issuedWithin(UUID userId, Purpose purpose, Duration window) {
    return jdbc.sql(
            """
            select count(*) from account_tokens
             where user_id = :userId and purpose = :purpose and created_at > :since
            """)
        .param("userId", userId)
        .param("purpose", purpose.name())
        .param("since", Timestamp.from(clock.instant().minus(window)))
        .query(Integer.class)
        .single();
  }

  /**
   * The oldest issue time within {@code window}: when the next token may be issued under the limit.
   */
  public Optional<Instant> oldestIssuedWithin(UUID userId, Purpose purpose, Duration window) {
    return jdbc.sql(
            """
            select min(created_at) from account_tokens
             where user_id = :userId and purpose = :purpose and created_at > :since
            """)
        .param("userId", userId)
        .param("purpose", purpose.name())
        .param("since", Timestamp.from(clock.instant().minus(window)))
        .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
        .single();
  }

  public int deleteAllOf(UUID userId) {
    return jdbc.sql("delete from account_tokens where user_id = :userId")
        .param("userId", userId)
        .update();
  }

  /**
   * Deletes tokens expired a day ago or longer (kept that long so the per-user limits see them).
   */
  @Scheduled(initialDelayString = "1h", fixedDelayString = "1h")
  public void purgeExpired() {
    jdbc.sql("delete from account_tokens where expires_at < :dayAgo")
        .param("dayAgo", Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
        .update();
  }
}
