package com.acme.saas.auth.mfa;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code totp_credentials} and {@code totp_recovery_codes} tables. */
@Repository
class TotpCredentials {

  /** One account's TOTP credential; {@code enabled} once a first code confirmed the enrolment. */
  record Credential(
      UUID userId, byte[] sealedSecret, boolean enabled, @Nullable Long lastUsedStep) {}

  private final JdbcClient jdbc;

  TotpCredentials(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new pending enrolment, replacing an earlier pending one; tells whether it did (it does
   * not once TOTP is enabled).
   */
  boolean savePending(UUID userId, byte[] sealedSecret) {
    return jdbc.sql(
                """
                insert into totp_credentials as c (user_id, secret, created_at)
                values (:userId, :secret, now())
                on conflict (user_id) do update set secret = excluded.secret, created_at = now()
                where c.enabled_at is null
                """)
            .param("userId", userId)
            .param("secret", sealedSecret)
            .update()
        == 1;
  }

  /** The credential, locked until the transaction ends, so two uses of one code take turns. */
  Optional<Credential> findForUpdate(UUID userId) {
    return jdbc.sql("select * from totp_credentials where user_id = :userId for update")
        .param("userId", userId)
        .query(
            (row, n) ->
                new Credential(
                    userId,
                    row.getBytes("secret"),
                    row.getTimestamp("enabled_at") != null,
                    row.getObject("last_used_step", Long.class)))
        .optional();
  }

  boolean isEnabled(UUID userId) {
    return jdbc.sql(
            "select exists (select 1 from totp_credentials where user_id = :userId and enabled_at is not null)")
        .param("userId", userId)
        .query(Boolean.class)
        .single();
  }

  /** Turns the enrolment on; the confirming code's step counts as used. */
  void enable(UUID userId, long step) {
    jdbc.sql(
            "update totp_credentials set enabled_at = now(), last_used_step = :step where user_id = :userId")
        .param("userId", userId)
        .param("step", step)
        .update();
  }

  void recordUsedStep(UUID userId, long step) {
    jdbc.sql("update totp_credentials set last_used_step = :step where user_id = :userId")
        .param("userId", userId)
        .param("step", step)
        .update();
  }

  /** Turns TOTP off: the credential and its recovery codes go. */
  void delete(UUID userId) {
    jdbc.sql("delete from totp_credentials where user_id = :userId")
        .param("userId", userId)
        .update();
  }

  void replaceRecoveryCodes(UUID userId, List<byte[]> hashes) {
    jdbc.sql("delete from totp_recovery_codes where user_id = :userId")
        .param("userId", userId)
        .update();
    for (byte[] hash : hashes) {
      jdbc.sql("insert into totp_recovery_codes (user_id, code_hash) values (:userId, :hash)")
          .param("userId", userId)
          .param("hash", hash)
          .update();
    }
  }

  /** Uses up the unused recovery code with this hash; tells whether there was one. */
  boolean useRecoveryCode(UUID userId, byte[] hash) {
    return jdbc.sql(
                """
                update totp_recovery_codes set used_at = now()
                where user_id = :userId and code_hash = :hash and used_at is null
                """)
            .param("userId", userId)
            .param("hash", hash)
            .update()
        == 1;
  }

  int unusedRecoveryCodes(UUID userId) {
    return jdbc.sql(
            "select count(*) from totp_recovery_codes where user_id = :userId and used_at is null")
        .param("userId", userId)
        .query(Integer.class)
        .single();
  }
}
