package com.acme.saas.common.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads event envelopes. Reading is tolerant (unknown fields are ignored) so a producer
 * can add a field without redeploying its consumers; the HTTP API, by contrast, is strict.
 */
public final class EventCodec {

  private final JsonMapper mapper =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();
  private final String producer;

  public EventCodec(String producer) {
    this.producer = producer;
  }

  public EventEnvelope envelope(DomainEvent event) {
    EventType<?> type = event.eventType();
    return new EventEnvelope(
        UUID.randomUUID(),
        type.name(),
        type.version(),
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        producer,
        mapper.valueToTree(event));
  }

  public String write(EventEnvelope envelope) {
    return mapper.writeValueAsString(envelope);
  }

  /**
   * @throws MalformedEventException when the text is not an envelope
   */
  public EventEnvelope read(String json) {
    try {
      EventEnvelope envelope = mapper.readValue(json, EventEnvelope.class);
      if (envelope.eventId() == null || envelope.type() == null || envelope.payload() == null) {
        throw new MalformedEventException("Event envelope lacks eventId, type or payload");
      }
      return envelope;
    } catch (JacksonException e) {
      throw new MalformedEventException("Event is not a valid envelope: " + e.getOriginalMessage());
    }
  }

  /**
   * @throws MalformedEventException when the payload does not fit the type's record
   */
  public <P extends DomainEvent> P payload(EventEnvelope envelope, EventType<P> type) {
    try {
      return mapper.treeToValue(envelope.payload(), type.payloadClass());
    } catch (JacksonException e) {
      throw new MalformedEventException(
          "Payload of "
              + envelope.type()
              + " "
              + envelope.eventId()
              + " is invalid: "
              + e.getOriginalMessage());
    }
  }
}
