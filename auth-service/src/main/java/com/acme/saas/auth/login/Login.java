package com.acme.saas.auth.login;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.auth.accounts.PasswordHasher;
import com.acme.saas.auth.lockout.LoginThrottle;
import com.acme.saas.auth.mfa.LoginChallenges;
import com.acme.saas.auth.sessions.Sessions;
import com.acme.saas.auth.sessions.SignedIn;
import com.acme.saas.auth.verification.EmailVerification;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Email-and-password sign-in. Unknown emails and wrong passwords cost the same hash and get the
 * same answer, so neither timing nor body tells which emails are registered.
 */
@Service
class Login {

  private static final Logger log = LoggerFactory.getLogger(Login.class);
  private static final String INVALID = "Email or password is incorrect";

  private final Accounts accounts;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final LoginChallenges challenges;
  private final EmailVerification verification;

  Login(
      Accounts accounts,
      PasswordHasher hasher,
      LoginThrottle throttle,
      Sessions sessions,
      LoginChallenges challenges,
      EmailVerification verification) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.sessions = sessions;
    this.challenges = challenges;
    this.verification = verification;
  }

  /**
   * A {@link SignedIn} session, or for an account with TOTP on a {@link
   * LoginChallenges.MfaRequired} challenge and no tokens.
   */
  Object login(String email, String password) {
    throttle.requireUnlocked(email);
    Account account = accounts.findByEmail(email).orElse(null);
    if (!hasher.matches(password, account == null ? null : account.passwordHash())
        || account == null) {
      throttle.recordFailure(email);
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, INVALID);
    }
    verification.requireVerifiedForLogin(account);
    if (hasher.needsRehash(account.passwordHash())) {
      accounts.changePasswordHash(account.id(), hasher.hash(password));
      log.info("login.rehashed userId={}", account.id());
    }
    // The failures stay counted until the second factor succeeds too, so that a guesser who knows
    // the password cannot reset the lockout between wrong codes.
    if (challenges.required(account)) {
      return challenges.issue(account);
    }
    throttle.reset(email);
    return sessions.open(account);
  }
}
