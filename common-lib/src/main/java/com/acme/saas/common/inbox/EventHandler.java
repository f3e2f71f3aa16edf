package com.acme.saas.common.inbox;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.EventType;

/**
 * Applies one event type. Declare an implementation as a bean and the inbox subscribes to its
 * topic; {@link #handle} runs inside a transaction that also records the event id, so a
 * redelivered event is skipped and a failed one leaves no trace.
 */
public interface EventHandler<P extends DomainEvent> {

  EventType<P> eventType();

  void handle(P event, EventEnvelope envelope);
}
