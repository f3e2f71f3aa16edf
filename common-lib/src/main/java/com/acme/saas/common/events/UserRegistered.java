package com.acme.saas.common.events;

import java.util.UUID;

/** auth-service registered a user; user-service creates the profile. */
public record UserRegistered(UUID userId, String email, String name, String role)
    implements DomainEvent {

  public static final EventType<UserRegistered> TYPE =
      new EventType<>(Topics.USER_EVENTS, "UserRegistered", 1, UserRegistered.class);

  @Override
  public EventType<UserRegistered> eventType() {
    return TYPE;
  }

  @Override
  public String key() {
    return userId.toString();
  }
}
