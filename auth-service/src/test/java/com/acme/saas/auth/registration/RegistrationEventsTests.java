package com.acme.saas.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.Topics;
import com.acme.saas.common.events.UserRegistered;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** UserRegistered reaches Kafka exactly when a registration commits. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RegistrationEventsTests {

  @InjectApi AuthClient auth;

  @Test
  void registrationPublishesUserRegistered() {
    String email = AuthClient.newEmail();
    JsonNode user = auth.registered(email).path("user");
    UUID userId = UUID.fromString(user.path("id").asString());

    ConsumerRecord<String, String> record =
        SuiteEvents.awaitEvent("auth-service", UserRegistered.TYPE, userId);

    EventEnvelope envelope = SuiteEvents.envelope(record);
    assertThat(record.key()).isEqualTo(userId.toString());
    assertThat(envelope.version()).isEqualTo(1);
    assertThat(envelope.payload().path("email").asString()).isEqualTo(email);
    assertThat(envelope.payload().path("name").asString()).isEqualTo("Ada Lovelace");
    assertThat(envelope.payload().path("role").asString()).isEqualTo("USER");
  }

  @Test
  void aFailedRegistrationPublishesNothing() {
    String taken = AuthClient.newEmail();
    String weak = AuthClient.newEmail();
    auth.registered(taken);
    assertThat(auth.register(taken.toUpperCase(), "Another-Pass-42", "Second").status())
        .isEqualTo(409);
    assertThat(auth.register(weak, "weak", "Third").status()).isEqualTo(400);
    // A later registration is the marker: once it is on the topic, anything the failures had
    // published would be there too (one partition, in commit order).
    String marker = AuthClient.newEmail();
    auth.registered(marker);

    List<EventEnvelope> events =
        SuiteEvents.readUntil(
            Topics.USER_EVENTS,
            envelope -> marker.equals(envelope.payload().path("email").asString()));

    assertThat(events)
        .filteredOn(envelope -> envelope.type().equals(UserRegistered.TYPE.name()))
        .extracting(envelope -> envelope.payload().path("email").asString().toLowerCase())
        .containsOnlyOnce(taken, marker)
        .doesNotContain(weak);
  }
}
