package com.acme.saas.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.Topics;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.KafkaTestClient;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events reach their handler once, whatever the broker redelivers; poison ends in the dead-letter
 * topic.
 */
@SpringBootTest(
    classes = ProbeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class IdempotentConsumptionTests {

  static final UUID POISON = UUID.fromString("00000000-0000-0000-0000-00000000dead");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired EventCodec codec;
  final KafkaTestClient kafka = KafkaTestClient.shared();

  @Test
  void committedChangeIsPublishedAndApplied() {
    UUID user = UUID.randomUUID();
    assertThat(deleteThroughTheApi(user, false)).isEqualTo(204);
    List<ConsumerRecord<String, String>> records =
        kafka.readUntil(
            Topics.USER_EVENTS,
            read -> read.stream().anyMatch(r -> user.toString().equals(r.key())),
            Duration.ofSeconds(30));
    EventEnvelope envelope =
        codec.read(
            records.stream()
                .filter(r -> user.toString().equals(r.key()))
                .findFirst()
                .orElseThrow()
                .value());
    assertThat(envelope.type()).isEqualTo("UserDeleted");
    assertThat(envelope.version()).isEqualTo(1);
    assertThat(envelope.payload().path("userId").asString()).isEqualTo(user.toString());
    await().atMost(Duration.ofSeconds(30)).until(() -> erasures(user) == 1);
  }

  @Test
  void rolledBackChangePublishesNothing() {
    UUID rolledBack = UUID.randomUUID();
    UUID committed = UUID.randomUUID();
    assertThat(deleteThroughTheApi(rolledBack, true)).isEqualTo(500);
    assertThat(deleteThroughTheApi(committed, false)).isEqualTo(204);
    List<ConsumerRecord<String, String>> records =
        kafka.readUntil(
            Topics.USER_EVENTS,
            read -> read.stream().anyMatch(r -> committed.toString().equals(r.key())),
            Duration.ofSeconds(30));
    assertThat(records).noneMatch(r -> rolledBack.toString().equals(r.key()));
    assertThat(
            jdbc.sql("select count(*) from outbox where message_key = :k")
                .param("k", rolledBack.toString())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void duplicateDeliveryIsAppliedOnce() {
    UUID user = UUID.randomUUID();
    String event = codec.write(codec.envelope(new UserDeleted(user)));
    kafka.publish(Topics.USER_EVENTS, user.toString(), event);
    kafka.publish(Topics.USER_EVENTS, user.toString(), event);
    UUID marker = publishMarker();
    await().atMost(Duration.ofSeconds(30)).until(() -> erasures(marker) == 1);
    assertThat(erasures(user)).isEqualTo(1);
  }

  @Test
  void poisonRecordIsRetriedThenDeadLetteredWithItsError() {
    EventEnvelope poison = codec.envelope(new UserDeleted(POISON));
    kafka.publish(Topics.USER_EVENTS, POISON.toString(), codec.write(poison));
    List<ConsumerRecord<String, String>> dead =
        kafka.readUntil(
            Topics.deadLetter(Topics.USER_EVENTS),
            read -> read.stream().anyMatch(r -> r.value().contains(poison.eventId().toString())),
            Duration.ofSeconds(60));
    ConsumerRecord<String, String> record =
        dead.stream()
            .filter(r -> r.value().contains(poison.eventId().toString()))
            .findFirst()
            .orElseThrow();
    assertThat(header(record, "kafka_dlt-exception-message"))
        .contains("cannot erase user " + POISON);
    assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.USER_EVENTS);
    // 1 attempt + 3 retries, each rolled back with its processed_events row.
    assertThat(com.acme.saas.common.probe.ProbeAccess.poisonAttempts()).isEqualTo(4);
    assertThat(erasures(POISON)).isZero();
    assertThat(
            jdbc.sql("select count(*) from processed_events where event_id = :id")
                .param("id", poison.eventId())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void unreadableRecordIsDeadLetteredWithoutRetries() {
    String key = UUID.randomUUID().toString();
    kafka.publish(Topics.USER_EVENTS, key, "{ this is not an event");
    List<ConsumerRecord<String, String>> dead =
        kafka.readUntil(
            Topics.deadLetter(Topics.USER_EVENTS),
            read -> read.stream().anyMatch(r -> key.equals(r.key())),
            Duration.ofSeconds(30));
    assertThat(
            header(
                dead.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow(),
                "kafka_dlt-exception-message"))
        .contains("not a valid envelope");
  }

  @Test
  void unknownTypesAndNewerVersionsAreSkipped() {
    UUID unknownType = UUID.randomUUID();
    UUID newerVersion = UUID.randomUUID();
    kafka.publish(
        Topics.USER_EVENTS, unknownType.toString(), rawEvent("UserTeleported", 1, unknownType));
    kafka.publish(
        Topics.USER_EVENTS, newerVersion.toString(), rawEvent("UserDeleted", 2, newerVersion));
    UUID marker = publishMarker();
    await().atMost(Duration.ofSeconds(30)).until(() -> erasures(marker) == 1);
    assertThat(erasures(unknownType)).isZero();
    assertThat(erasures(newerVersion)).isZero();
  }

  @Test
  void unknownPayloadFieldsAreIgnored() {
    UUID user = UUID.randomUUID();
    String event =
        rawEvent("UserDeleted", 1, user).replace("\"userId\"", "\"addedLater\":\"x\",\"userId\"");
    kafka.publish(Topics.USER_EVENTS, user.toString(), event);
    await().atMost(Duration.ofSeconds(30)).until(() -> erasures(user) == 1);
  }

  private int deleteThroughTheApi(UUID user, boolean fail) {
    return HttpApi.local(port)
        .post(
            "/probe/users/" + user + "/delete?fail=" + fail,
            TestTokens.admin(UUID.randomUUID()),
            null)
        .status();
  }

  private UUID publishMarker() {
    UUID marker = UUID.randomUUID();
    kafka.publish(
        Topics.USER_EVENTS,
        marker.toString(),
        codec.write(codec.envelope(new UserDeleted(marker))));
    return marker;
  }

  private static String rawEvent(String type, int version, UUID userId) {
    return """
        {"eventId":"%s","type":"%s","version":%d,"occurredAt":"2026-01-01T00:00:00Z","producer":"test","payload":{"userId":"%s"}}"""
        .formatted(UUID.randomUUID(), type, version, userId);
  }

  private long erasures(UUID user) {
    return jdbc.sql("select count(*) from probe_erasures where user_id = :id")
        .param("id", user)
        .query(Long.class)
        .single();
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
