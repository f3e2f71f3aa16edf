package com.acme.saas.auth.login;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.accounts.AccountRepository;
import com.acme.saas.auth.accounts.PasswordHasher;
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

  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final EmailVerification verification;

  Login(
      AccountRepository accounts,
      PasswordHasher hasher,
      LoginThrottle throttle,
      Sessions sessions,
      EmailVerification verification) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.sessions = sessions;
    this.verification = verification;
  }

  SignedIn login(String email, String password) {
    throttle.requireUnlocked(email);
    Account account = accounts.findByEmail(email).orElse(null);
    if (!hasher.matches(password, account == null ? null : account.passwordHash()) || account == null) {
      throttle.recordFailure(email);
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, INVALID);
    }
    throttle.reset(email);
    verification.requireVerifiedForLogin(account);
    if (hasher.needsRehash(account.passwordHash())) {
      accounts.updatePasswordHash(account.id(), hasher.hash(password));
      log.info("login.rehashed userId={}", account.id());
    }
    return sessions.open(account);
  }
}
