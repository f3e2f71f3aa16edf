package com.acme.saas.common.events;

import java.util.UUID;

/**
 * auth-service saw the user prove its address (a verification link used); user-service shows it.
 */
public record EmailVerified(UUID userId) implements DomainEvent {

  public static final EventType<EmailVerified> TYPE =
      new EventType<>(Topics.USER_EVENTS, "EmailVerified", 1, EmailVerified.class);

  @Override
  public EventType<EmailVerified> eventType() {
    return TYPE;
  }

  @Override
  public String key() {
    return userId.toString();
  }
}
