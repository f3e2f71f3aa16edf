package com.acme.saas.auth.accounts;

import com.acme.saas.auth.login.LoginThrottle;
import com.acme.saas.auth.sessions.RefreshTokenRepository;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.inbox.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Erases the user's credentials, every refresh token and mailed token, and its failed-login record.
 */
@Component
class UserDeletedListener implements EventHandler<UserDeleted> {

  private static final Logger log = LoggerFactory.getLogger(UserDeletedListener.class);

  private final AccountRepository accounts;
  private final RefreshTokenRepository refreshTokens;
  private final LoginThrottle throttle;
  private final OneTimeTokens oneTimeTokens;

  UserDeletedListener(
      AccountRepository accounts,
      RefreshTokenRepository refreshTokens,
      LoginThrottle throttle,
      OneTimeTokens oneTimeTokens) {
    this.accounts = accounts;
    this.refreshTokens = refreshTokens;
    this.throttle = throttle;
    this.oneTimeTokens = oneTimeTokens;
  }

  @Override
  public void handle(UserDeleted event, EventEnvelope envelope) {
    accounts.find(event.userId()).ifPresent(account -> throttle.reset(account.email()));
    int tokens = refreshTokens.deleteAllOf(event.userId());
    oneTimeTokens.deleteAllOf(event.userId());
    accounts.delete(event.userId());
    log.info("user.erased userId={} refreshTokens={}", event.userId(), tokens);
  }
}
