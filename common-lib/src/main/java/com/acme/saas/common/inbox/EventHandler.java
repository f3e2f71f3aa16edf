package com.acme.saas.common.inbox;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventEnvelope;

/**
 * Applies one event type, the one its type argument names ({@code implements
 * EventHandler<UserDeleted>}). Declare an implementation as a bean and the inbox subscribes to that
 * event's topic; {@link #handle} runs inside a transaction that also records the event id, so a
 * redelivered event is skipped and a failed one leaves no trace.
 */
public interface EventHandler<P extends DomainEvent> {

  void handle(P event, EventEnvelope envelope);
}
