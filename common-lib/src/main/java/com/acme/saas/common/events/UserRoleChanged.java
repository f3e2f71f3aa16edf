package com.acme.saas.common.events;

import java.util.UUID;

/**
 * An admin changed a user's role; auth-service updates its copy and revokes the user's sessions.
 */
public record UserRoleChanged(UUID userId, String role) implements DomainEvent {

  public static final EventType<UserRoleChanged> TYPE =
      new EventType<>(Topics.USER_EVENTS, "UserRoleChanged", 1, UserRoleChanged.class);

  @Override
  public EventType<UserRoleChanged> eventType() {
    return TYPE;
  }

  @Override
  public String key() {
    return userId.toString();
  }
}
