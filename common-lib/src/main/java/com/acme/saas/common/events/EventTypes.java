package com.acme.saas.common.events;

import java.util.List;

/** Every event type of the Kafka contract. */
public final class EventTypes {

  public static final List<EventType<?>> ALL =
      List.of(
          UserRegistered.TYPE,
          EmailVerified.TYPE,
          UserRoleChanged.TYPE,
          UserDeleted.TYPE,
          SubscriptionChanged.TYPE);

  private EventTypes() {}

  /**
   * The type whose payload record is {@code payload}.
   *
   * @throws IllegalArgumentException for a class that is no event of the contract
   */
  @SuppressWarnings("unchecked")
  public static <P extends DomainEvent> EventType<P> of(Class<P> payload) {
    return (EventType<P>)
        ALL.stream()
            .filter(type -> type.payloadClass() == payload)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        payload.getName() + " is no event type of the contract (EventTypes.ALL)"));
  }
}
