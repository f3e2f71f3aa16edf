package com.acme.saas.auth.passwords;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.auth.accounts.PasswordHasher;
import com.acme.saas.auth.lockout.LoginThrottle;
import com.acme.saas.auth.sessions.Sessions;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A signed-in user's new password. The current one is checked like a login (a wrong one counts
 * toward the lockout, and a locked account is refused); then the hash changes, every other session
 * ends and the notice is queued, in one transaction.
 */
@Service
class PasswordChange {

  private static final Logger log = LoggerFactory.getLogger(PasswordChange.class);

  private final Accounts accounts;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final PasswordChangedNotice notice;
  private final TransactionTemplate transactions;

  PasswordChange(
      Accounts accounts,
      PasswordHasher hasher,
      LoginThrottle throttle,
      Sessions sessions,
      PasswordChangedNotice notice,
      TransactionTemplate transactions) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.sessions = sessions;
    this.notice = notice;
    this.transactions = transactions;
  }

  /**
   * @param keptRefreshToken the caller's own refresh token, whose session survives; without it
   *     every session ends
   * @throws ApiException INVALID_CREDENTIALS for a wrong current password, ACCOUNT_LOCKED while the
   *     account is locked
   */
  void change(
      UUID userId, String currentPassword, String newPassword, @Nullable String keptRefreshToken) {
    Account account =
        accounts
            .find(userId)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.INVALID_CREDENTIALS, "Current password is incorrect"));
    throttle.requireUnlocked(account.email());
    if (!hasher.matches(currentPassword, account.passwordHash())) {
      throttle.recordFailure(account.email());
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "Current password is incorrect");
    }
    String hash = hasher.hash(newPassword);
    transactions.executeWithoutResult(
        status -> {
          accounts.changePasswordHash(userId, hash);
          int revoked = sessions.endOtherSessions(userId, keptRefreshToken);
          notice.queue(account);
          log.info("password.changed userId={} revokedTokens={}", userId, revoked);
        });
  }
}
