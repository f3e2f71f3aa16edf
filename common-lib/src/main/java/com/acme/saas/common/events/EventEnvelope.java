package com.acme.saas.common.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The JSON value of every Kafka message of the suite. */
public record EventEnvelope(
    UUID eventId,
    String type,
    int version,
    Instant occurredAt,
    String producer,
    JsonNode payload) {}
