package com.acme.saas.user.profiles;

import com.acme.saas.common.events.EmailVerified;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.inbox.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Shows on the profile that the user proved its address; one that comes before the profile waits
 * for it.
 */
@Component
class EmailVerifiedListener implements EventHandler<EmailVerified> {

  private final ProfileService service;

  EmailVerifiedListener(ProfileService service) {
    this.service = service;
  }

  @Override
  public void handle(EmailVerified event, EventEnvelope envelope) {
    service.markEmailVerified(event.userId());
  }
}
