package com.acme.saas.auth.erasure;

import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.auth.accounts.OneTimeTokens;
import com.acme.saas.auth.lockout.LoginThrottle;
import com.acme.saas.auth.sessions.Sessions;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.inbox.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Erases a deleted user: each feature forgets what it holds through its own API (the failed-login
 * record, every session, the mailed tokens, then the account with its credentials; the second
 * factor goes with the account, by its foreign keys).
 */
@Component
class UserDeletedListener implements EventHandler<UserDeleted> {

  private static final Logger log = LoggerFactory.getLogger(UserDeletedListener.class);

  private final Accounts accounts;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final OneTimeTokens oneTimeTokens;

  UserDeletedListener(
      Accounts accounts, Sessions sessions, LoginThrottle throttle, OneTimeTokens oneTimeTokens) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.throttle = throttle;
    this.oneTimeTokens = oneTimeTokens;
  }

  @Override
  public void handle(UserDeleted event, EventEnvelope envelope) {
    accounts.find(event.userId()).ifPresent(account -> throttle.reset(account.email()));
    int tokens = sessions.forget(event.userId());
    oneTimeTokens.deleteAllOf(event.userId());
    accounts.delete(event.userId());
    log.info("user.erased userId={} refreshTokens={}", event.userId(), tokens);
  }
}
