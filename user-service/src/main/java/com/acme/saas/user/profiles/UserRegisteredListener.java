package com.acme.saas.user.profiles;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserRegistered;
import com.acme.saas.common.inbox.EventHandler;
import org.springframework.stereotype.Component;

/** Creates the profile of a newly registered user (or completes one made from its token). */
@Component
class UserRegisteredListener implements EventHandler<UserRegistered> {

  private final ProfileService service;

  UserRegisteredListener(ProfileService service) {
    this.service = service;
  }

  @Override
  public void handle(UserRegistered event, EventEnvelope envelope) {
    service.register(event.userId(), event.email(), event.name(), event.role());
  }
}
