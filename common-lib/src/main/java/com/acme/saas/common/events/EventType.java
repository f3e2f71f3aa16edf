package com.acme.saas.common.events;

/** Where an event travels, what it is called on the wire, and the payload record it decodes to. */
public record EventType<P extends DomainEvent>(
    String topic, String name, int version, Class<P> payloadClass) {}
