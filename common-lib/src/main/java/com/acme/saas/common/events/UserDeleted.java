package com.acme.saas.common.events;

import java.util.UUID;

/** user-service deleted a user; every other service erases that user's data. */
public record UserDeleted(UUID userId) implements DomainEvent {

  public static final EventType<UserDeleted> TYPE =
      new EventType<>(Topics.USER_EVENTS, "UserDeleted", 1, UserDeleted.class);

  @Override
  public EventType<UserDeleted> eventType() {
    return TYPE;
  }

  @Override
  public String key() {
    return userId.toString();
  }
}
