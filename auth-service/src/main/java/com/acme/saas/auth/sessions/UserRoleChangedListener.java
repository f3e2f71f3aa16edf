package com.acme.saas.auth.sessions;

import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserRoleChanged;
import com.acme.saas.common.inbox.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes the role user-service assigned. Refresh tokens are revoked so that the next access token
 * (the one carrying the new role) needs a fresh login rather than a refresh of the old claims.
 */
@Component
class UserRoleChangedListener implements EventHandler<UserRoleChanged> {

  private static final Logger log = LoggerFactory.getLogger(UserRoleChangedListener.class);

  private final Accounts accounts;
  private final Sessions sessions;

  UserRoleChangedListener(Accounts accounts, Sessions sessions) {
    this.accounts = accounts;
    this.sessions = sessions;
  }

  @Override
  public void handle(UserRoleChanged event, EventEnvelope envelope) {
    accounts.changeRole(event.userId(), event.role());
    int revoked = sessions.logoutAll(event.userId());
    log.info(
        "user.role_changed userId={} role={} revokedRefreshTokens={}",
        event.userId(),
        event.role(),
        revoked);
  }
}
