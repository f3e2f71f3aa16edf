package com.acme.saas.auth.lockout;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed logins per normalised email in {@code login_failures}. Emails without an account
 * are counted and locked alike, so a lock answers nothing about whether an email is registered.
 * Times are the database's, so every replica agrees on them.
 */
@Component
public class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private final JdbcClient jdbc;
  private final LockoutProperties properties;

  LoginThrottle(JdbcClient jdbc, LockoutProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /**
   * @throws ApiException ACCOUNT_LOCKED, with the time left, while the email is locked
   */
  public void requireUnlocked(String email) {
    jdbc.sql(
            """
            select locked_until, now() as now from login_failures
            where email_normalized = :email and locked_until > now()
            """)
        .param("email", Account.normalizeEmail(email))
        .query(
            (row, n) ->
                Duration.between(
                    row.getTimestamp("now").toInstant(),
                    row.getTimestamp("locked_until").toInstant()))
        .optional()
        .ifPresent(
            remaining -> {
              throw new ApiException(
                  ErrorCode.ACCOUNT_LOCKED,
                  "Too many failed logins; try again in "
                      + Math.max(1, remaining.toSeconds())
                      + " seconds",
                  remaining.plusSeconds(1));
            });
  }

  /** Counts a failure; the one that reaches max-failures locks the email, longer each time. */
  @Transactional
  public void recordFailure(String email) {
    String normalized = Account.normalizeEmail(email);
    Counted counted =
        jdbc.sql(
                """
                insert into login_failures as f (email_normalized, failures, window_started_at, updated_at)
                values (:email, 1, now(), now())
                on conflict (email_normalized) do update set
                  failures = case when f.window_started_at <= now() - :window * interval '1 second'
                                  then 1 else f.failures + 1 end,
                  window_started_at = case when f.window_started_at <= now() - :window * interval '1 second'
                                           then now() else f.window_started_at end,
                  updated_at = now()
                returning failures, locks
                """)
            .param("email", normalized)
            .param("window", properties.window().toSeconds())
            .query((row, n) -> new Counted(row.getInt("failures"), row.getInt("locks")))
            .single();
    if (counted.failures() < properties.maxFailures()) {
      return;
    }
    Duration lock = lockLength(counted.locks());
    jdbc.sql(
            """
            update login_failures
            set failures = 0, window_started_at = now(), locks = locks + 1,
                locked_until = now() + :lock * interval '1 second'
            where email_normalized = :email
            """)
        .param("email", normalized)
        .param("lock", lock.toSeconds())
        .update();
    log.warn("login.locked lock={}s previousLocks={}", lock.toSeconds(), counted.locks());
  }

  /** A successful login forgets the failures and the lock history. */
  public void reset(String email) {
    jdbc.sql("delete from login_failures where email_normalized = :email")
        .param("email", Account.normalizeEmail(email))
        .update();
  }

  @Scheduled(initialDelayString = "1h", fixedDelayString = "1h")
  void purge() {
    jdbc.sql(
            """
            delete from login_failures
            where updated_at < now() - :forgetAfter * interval '1 second'
              and (locked_until is null or locked_until < now())
            """)
        .param("forgetAfter", properties.forgetAfter().toSeconds())
        .update();
  }

  /** first-lock, doubled per earlier lock, capped at max-lock. */
  private Duration lockLength(int earlierLocks) {
    Duration length = properties.firstLock();
    for (int i = 0; i < earlierLocks && length.compareTo(properties.maxLock()) < 0; i++) {
      length = length.multipliedBy(2);
    }
    return length.compareTo(properties.maxLock()) > 0 ? properties.maxLock() : length;
  }

  private record Counted(int failures, int locks) {}
}
