package com.acme.saas.common.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A past-tense fact one service tells the others. Its key keeps one user's events in order. */
public interface DomainEvent {

  @JsonIgnore
  EventType<?> eventType();

  /** The Kafka message key: the user id, so one user's events share a partition. */
  @JsonIgnore
  String key();
}
