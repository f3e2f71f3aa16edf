package com.acme.saas.auth.mfa;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.auth.lockout.LoginThrottle;
import com.acme.saas.auth.sessions.Sessions;
import com.acme.saas.auth.sessions.SignedIn;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second step of a login for accounts with TOTP on. The right password earns a challenge (256
 * random bits, stored as SHA-256, short-lived, single use, bound to the account) and no tokens; the
 * challenge with a current code or a recovery code earns the session. Wrong codes count toward the
 * account's lockout like wrong passwords, and a challenge dies after a few of them. Times are the
 * database's, so every replica agrees on them.
 */
@Service
public class LoginChallenges {

  /** The answer to a right password when a second factor is on. */
  public record MfaRequired(boolean mfaRequired, String challenge) {}

  private static final Logger log = LoggerFactory.getLogger(LoginChallenges.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int CHALLENGE_BYTES = 32;

  private final JdbcClient jdbc;
  private final TotpCredentials credentials;
  private final SecondFactorCodes codes;
  private final Accounts accounts;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final MfaProperties properties;
  private final TransactionTemplate transactions;

  LoginChallenges(
      JdbcClient jdbc,
      TotpCredentials credentials,
      SecondFactorCodes codes,
      Accounts accounts,
      LoginThrottle throttle,
      Sessions sessions,
      MfaProperties properties,
      TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.credentials = credentials;
    this.codes = codes;
    this.accounts = accounts;
    this.throttle = throttle;
    this.sessions = sessions;
    this.properties = properties;
    this.transactions = transactions;
  }

  /** Whether the account's login needs a second step. */
  public boolean required(Account account) {
    return credentials.isEnabled(account.id());
  }

  /** A challenge for the account whose password was right. */
  public MfaRequired issue(Account account) {
    byte[] random = new byte[CHALLENGE_BYTES];
    RANDOM.nextBytes(random);
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    jdbc.sql(
            """
            insert into login_challenges (challenge_hash, user_id, expires_at, created_at)
            values (:hash, :userId, now() + :ttl * interval '1 second', now())
            """)
        .param("hash", DigestUtils.sha256(challenge))
        .param("userId", account.id())
        .param("ttl", properties.challengeTtl().toSeconds())
        .update();
    log.info("login.mfa_required userId={}", account.id());
    return new MfaRequired(true, challenge);
  }

  /**
   * Completes a login: the session, once.
   *
   * @throws ApiException TOKEN_INVALID for an unknown, used, expired or exhausted challenge;
   *     INVALID_CREDENTIALS for a wrong or already used code (counted toward the lockout);
   *     ACCOUNT_LOCKED while the account is locked
   */
  SignedIn complete(String challenge, String code) {
    byte[] hash = DigestUtils.sha256(challenge);
    Outcome outcome = transactions.execute(status -> attempt(hash, code));
    return switch (outcome) {
      case Outcome.Completed completed -> completed.session();
      case Outcome.Rejected rejected -> throw new ApiException(rejected.code(), rejected.reason());
    };
  }

  /** Failures are outcomes rather than exceptions, so the failure count they record commits. */
  private sealed interface Outcome {
    record Completed(SignedIn session) implements Outcome {}

    record Rejected(ErrorCode code, String reason) implements Outcome {}
  }

  private Outcome attempt(byte[] hash, String code) {
    UUID userId =
        jdbc.sql(
                "select user_id from login_challenges where challenge_hash = :hash and expires_at > now() for update")
            .param("hash", hash)
            .query(UUID.class)
            .optional()
            .orElse(null);
    Account account = userId == null ? null : accounts.find(userId).orElse(null);
    TotpCredentials.Credential credential =
        account == null
            ? null
            : credentials
                .findForUpdate(account.id())
                .filter(TotpCredentials.Credential::enabled)
                .orElse(null);
    if (account == null || credential == null) {
      return new Outcome.Rejected(
          ErrorCode.TOKEN_INVALID, "The login challenge is unknown, used or expired; log in again");
    }
    throttle.requireUnlocked(account.email());
    if (!codes.use(credential, code)) {
      throttle.recordFailure(account.email());
      recordFailure(hash, account.id());
      return new Outcome.Rejected(ErrorCode.INVALID_CREDENTIALS, "The code is incorrect");
    }
    jdbc.sql("delete from login_challenges where challenge_hash = :hash")
        .param("hash", hash)
        .update();
    throttle.reset(account.email());
    log.info(
        "login.mfa-completed userId={} recoveryCodesLeft={}",
        account.id(),
        credentials.unusedRecoveryCodes(account.id()));
    return new Outcome.Completed(sessions.open(account));
  }

  /** Counts a wrong code on the challenge; the one that reaches max-failures ends it. */
  private void recordFailure(byte[] hash, UUID userId) {
    int failures =
        jdbc.sql(
                "update login_challenges set failures = failures + 1 where challenge_hash = :hash returning failures")
            .param("hash", hash)
            .query(Integer.class)
            .single();
    if (failures >= properties.challengeMaxFailures()) {
      jdbc.sql("delete from login_challenges where challenge_hash = :hash")
          .param("hash", hash)
          .update();
      log.warn("login.mfa_challenge_exhausted userId={} failures={}", userId, failures);
    }
  }

  @Scheduled(initialDelayString = "1h", fixedDelayString = "1h")
  void purge() {
    jdbc.sql("delete from login_challenges where expires_at < now()").update();
  }
}
