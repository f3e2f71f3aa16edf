package com.acme.saas.auth.registration;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.auth.accounts.PasswordHasher;
import com.acme.saas.auth.sessions.Sessions;
import com.acme.saas.auth.sessions.SignedIn;
import com.acme.saas.auth.verification.EmailVerification;
import com.acme.saas.common.events.UserRegistered;
import com.acme.saas.common.outbox.OutboxWriter;
import com.acme.saas.common.security.Roles;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates accounts. The account, its {@code UserRegistered} event, its verification mail and its
 * first session commit together; the password is hashed before the transaction so no connection
 * waits on Argon2.
 */
@Service
public class Registration {

  private static final Logger log = LoggerFactory.getLogger(Registration.class);

  private final Accounts accounts;
  private final PasswordHasher hasher;
  private final OutboxWriter outbox;
  private final Sessions sessions;
  private final EmailVerification verification;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Registration(
      Accounts accounts,
      PasswordHasher hasher,
      OutboxWriter outbox,
      Sessions sessions,
      EmailVerification verification,
      TransactionTemplate transactions,
      Clock clock) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.outbox = outbox;
    this.sessions = sessions;
    this.verification = verification;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * @throws ApiException EMAIL_ALREADY_EXISTS when the (normalised) email is taken
   */
  SignedIn register(String email, String password, String name) {
    Account account = newAccount(email, password, name, Roles.USER);
    return transactions.execute(
        status -> {
          if (!create(account)) {
            throw new ApiException(
                ErrorCode.EMAIL_ALREADY_EXISTS, "An account with this email already exists");
          }
          verification.start(account);
          return sessions.open(account);
        });
  }

  /**
   * Creates the account unless one has its email; tells which account was created, if any. Its
   * address counts as verified: whoever configures it vouches for it, and no mail is sent.
   */
  Optional<Account> registerIfAbsent(String email, String password, String name, String role) {
    if (accounts.findByEmail(email).isPresent()) {
      return Optional.empty();
    }
    Account account = newAccount(email, password, name, role);
    return transactions.execute(
        status -> {
          if (!create(account)) {
            return Optional.<Account>empty();
          }
          verification.markVerified(account.id());
          return Optional.of(account);
        });
  }

  private Account newAccount(String email, String password, String name, String role) {
    return new Account(
        UUID.randomUUID(),
        email.strip(),
        name.strip(),
        role,
        hasher.hash(password),
        clock.instant().truncatedTo(ChronoUnit.MICROS));
  }

  private boolean create(Account account) {
    if (!accounts.createIfEmailFree(account)) {
      return false;
    }
    outbox.write(new UserRegistered(account.id(), account.email(), account.name(), account.role()));
    log.info("user.registered userId={} role={}", account.id(), account.role());
    return true;
  }
}
