package com.acme.saas.auth.sessions;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code refresh_tokens} table: hashes only, never a token. */
@Repository
public class RefreshTokenRepository {

  /** One stored refresh token. */
  record StoredToken(
      UUID familyId,
      UUID userId,
      Instant expiresAt,
      Instant familyExpiresAt,
      @Nullable Instant usedAt,
      @Nullable Instant revokedAt) {}

  private static final int PURGE_BATCH = 1000;

  private final JdbcClient jdbc;

  RefreshTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(byte[] hash, UUID familyId, UUID userId, Instant expiresAt, Instant familyExpiresAt) {
    jdbc.sql(
            """
            insert into refresh_tokens (token_hash, family_id, user_id, expires_at, family_expires_at, created_at)
            values (:hash, :familyId, :userId, :expiresAt, :familyExpiresAt, now())
            """)
        .param("hash", hash)
        .param("familyId", familyId)
        .param("userId", userId)
        .param("expiresAt", Timestamp.from(expiresAt))
        .param("familyExpiresAt", Timestamp.from(familyExpiresAt))
        .update();
  }

  /** The token, locked until the transaction ends, so that two refreshes with it take turns. */
  Optional<StoredToken> findForUpdate(byte[] hash) {
    return jdbc.sql("select * from refresh_tokens where token_hash = :hash for update")
        .param("hash", hash)
        .query(
            (row, n) ->
                new StoredToken(
                    row.getObject("family_id", UUID.class),
                    row.getObject("user_id", UUID.class),
                    row.getTimestamp("expires_at").toInstant(),
                    row.getTimestamp("family_expires_at").toInstant(),
                    instant(row.getTimestamp("used_at")),
                    instant(row.getTimestamp("revoked_at"))))
        .optional();
  }

  void markUsed(byte[] hash) {
    jdbc.sql("update refresh_tokens set used_at = now() where token_hash = :hash")
        .param("hash", hash)
        .update();
  }

  int revokeFamily(UUID familyId) {
    return jdbc.sql(
            "update refresh_tokens set revoked_at = now() where family_id = :familyId and revoked_at is null")
        .param("familyId", familyId)
        .update();
  }

  public int revokeAllOf(UUID userId) {
    return jdbc.sql(
            "update refresh_tokens set revoked_at = now() where user_id = :userId and revoked_at is null")
        .param("userId", userId)
        .update();
  }

  int revokeAllOfExcept(UUID userId, UUID keptFamilyId) {
    return jdbc.sql(
            """
            update refresh_tokens set revoked_at = now()
             where user_id = :userId and family_id <> :familyId and revoked_at is null
            """)
        .param("userId", userId)
        .param("familyId", keptFamilyId)
        .update();
  }

  public int deleteAllOf(UUID userId) {
    return jdbc.sql("delete from refresh_tokens where user_id = :userId")
        .param("userId", userId)
        .update();
  }

  /**
   * Deletes one batch of tokens that can no longer be used: expired, or revoked longer ago than the
   * retention. Small batches keep each statement's locks short.
   */
  int purgeBatch(Duration revokedRetention) {
    return jdbc.sql(
            """
            delete from refresh_tokens where token_hash in (
              select token_hash from refresh_tokens
              where expires_at < now() or revoked_at < now() - :retention * interval '1 second'
              limit :batch)
            """)
        .param("retention", revokedRetention.toSeconds())
        .param("batch", PURGE_BATCH)
        .update();
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
