package com.acme.saas.testevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.Topics;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.events.UserRoleChanged;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What the services' tests rely on: an event goes out as a relay sends it and is found again. */
class SuiteEventsTests {

  @Test
  void aPublishedEventIsFoundByProducerTypeAndUserKeyedByTheUser() {
    UUID userId = UUID.randomUUID();
    EventEnvelope sent = SuiteEvents.publish("user-service", new UserRoleChanged(userId, "ADMIN"));

    ConsumerRecord<String, String> record =
        SuiteEvents.awaitEvent("user-service", UserRoleChanged.TYPE, userId);

    assertThat(record.key()).isEqualTo(userId.toString());
    EventEnvelope read = SuiteEvents.envelope(record);
    assertThat(read.eventId()).isEqualTo(sent.eventId());
    assertThat(read.producer()).isEqualTo("user-service");
    assertThat(read.payload().path("role").asString()).isEqualTo("ADMIN");
  }

  @Test
  void aRedeliveryCarriesTheSameEnvelopeAndReadingUpToAMarkerShowsBoth() {
    UserDeleted event = new UserDeleted(UUID.randomUUID());
    EventEnvelope first = SuiteEvents.publish("user-service", event);
    SuiteEvents.publish("user-service", event, first);
    EventEnvelope marker = SuiteEvents.publish("test", new UserDeleted(UUID.randomUUID()));

    List<EventEnvelope> read =
        SuiteEvents.readUntil(
            Topics.USER_EVENTS, envelope -> envelope.eventId().equals(marker.eventId()));

    assertThat(read).filteredOn(envelope -> envelope.eventId().equals(first.eventId())).hasSize(2);
  }
}
