package com.acme.saas.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventType;
import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.Infrastructure;
import com.acme.saas.testsupport.KafkaTestClient;
import com.acme.saas.testsupport.RealInfrastructure;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event the broker refuses (larger than its topic's {@code max.message.bytes}) holds back the
 * later events of its own user only; every other user's events go on, and the refused one is
 * retried with backoff until the broker takes it.
 */
@SpringBootTest(
    classes = ProbeApplication.class,
    properties = {
      "saas.outbox.initial-backoff=100ms",
      "saas.outbox.max-backoff=400ms",
      "saas.outbox.stuck-after-attempts=3"
    })
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class OutboxBadRowTests {

  /** The topics' limit, in bytes: small events fit, {@link #oversized} does not. */
  static final int TOPIC_LIMIT = 2048;

  /** Starts the oversized event's note; no log line may show it. */
  static final String PAYLOAD_MARK = "payload-of-the-oversized-event";

  @Autowired OutboxWriter outbox;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired MeterRegistry meters;

  final List<String> limitedTopics = new ArrayList<>();

  @AfterEach
  void liftTheLimits() throws Exception {
    for (String topic : limitedTopics) {
      setMessageLimit(topic, 1_048_588);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> pendingRows() == 0);
  }

  @Test
  void anOversizedEventHoldsBackOnlyTheLaterEventsOfItsUser() throws Exception {
    String topic = limitedTopic();
    UUID a = UUID.randomUUID();
    UUID refused = write(oversized(topic, a));
    UUID heldBack = write(small(topic, a));
    List<UUID> others = Stream.generate(UUID::randomUUID).limit(5).toList();
    for (UUID other : others) {
      write(small(topic, other));
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> attempts(refused) >= 3);
    // Written after the refused event's retries: once it is read, all that went before it was.
    UUID last = UUID.randomUUID();
    write(small(topic, last));
    List<ConsumerRecord<String, String>> read =
        KafkaTestClient.shared()
            .readUntil(
                topic, records -> keys(records).contains(last.toString()), Duration.ofSeconds(30));

    assertThat(keys(read))
        .containsAll(others.stream().map(UUID::toString).toList())
        .doesNotContain(a.toString());
    FailedRow row = failedRow(refused);
    assertThat(row.attempts()).isGreaterThanOrEqualTo(3);
    assertThat(row.lastError()).contains("RecordTooLargeException");
    assertThat(row.lastAttemptAt()).isTrue();
    assertThat(row.sent()).isFalse();
    assertThat(failedRow(heldBack)).isEqualTo(new FailedRow(0, null, false, false));
  }

  @Test
  void aStuckEventRaisesTheGaugeAndAnErrorNamingItButNotItsPayload(CapturedOutput output)
      throws Exception {
    String topic = limitedTopic();
    UUID a = UUID.randomUUID();
    assertThat(stuckGauge()).isZero();

    UUID refused = write(oversized(topic, a));
    await().atMost(Duration.ofSeconds(30)).until(() -> attempts(refused) >= 3);

    assertThat(stuckGauge()).isEqualTo(1);
    String error = "outbox.row_stuck id=" + rowId(refused) + " type=OutboxProbe key=" + a;
    await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains(error));
    assertThat(output.getOut().lines().filter(line -> line.contains(error)))
        .allMatch(line -> line.contains("\"level\":\"ERROR\""))
        .allMatch(line -> line.contains("RecordTooLargeException"));
    assertThat(output.getOut()).doesNotContain(PAYLOAD_MARK);
  }

  @Test
  void aStuckEventGoesOutAheadOfItsUsersLaterEventsOnceTheBrokerTakesIt() throws Exception {
    String topic = limitedTopic();
    UUID a = UUID.randomUUID();
    UUID refused = write(oversized(topic, a));
    UUID heldBack = write(small(topic, a));
    await().atMost(Duration.ofSeconds(30)).until(() -> attempts(refused) >= 3);
    assertThat(stuckGauge()).isEqualTo(1);

    // What an operator does: raise the topic's limit. The next attempt goes through.
    setMessageLimit(topic, 1_048_588);

    List<ConsumerRecord<String, String>> read =
        KafkaTestClient.shared()
            .readUntil(topic, records -> records.size() >= 2, Duration.ofSeconds(30));
    assertThat(read.stream().map(r -> eventId(r.value())))
        .containsExactly(refused.toString(), heldBack.toString());
    await().atMost(Duration.ofSeconds(5)).until(() -> failedRow(heldBack).sent());
    assertThat(failedRow(refused).sent()).isTrue();
    assertThat(stuckGauge()).isZero();
  }

  private double stuckGauge() {
    return meters.get("outbox.stuck").tag("schema", "probe").gauge().value();
  }

  private long rowId(UUID eventId) {
    return jdbc.sql("select id from outbox where event_id = :id")
        .param("id", eventId)
        .query(Long.class)
        .single();
  }

  private UUID write(DomainEvent event) {
    return new TransactionTemplate(transactionManager)
        .execute(status -> outbox.write(event).eventId());
  }

  private String limitedTopic() throws ExecutionException, InterruptedException {
    String topic = "outbox-limit-" + UUID.randomUUID();
    try (Admin admin = admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, 1, (short) 1)
                      .configs(Map.of("max.message.bytes", String.valueOf(TOPIC_LIMIT)))))
          .all()
          .get();
    }
    limitedTopics.add(topic);
    return topic;
  }

  private static void setMessageLimit(String topic, int bytes)
      throws ExecutionException, InterruptedException {
    try (Admin admin = admin()) {
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.TOPIC, topic),
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("max.message.bytes", String.valueOf(bytes)),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get();
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            Infrastructure.get().kafkaBootstrapServers()));
  }

  private int attempts(UUID eventId) {
    return jdbc.sql("select attempts from outbox where event_id = :id")
        .param("id", eventId)
        .query(Integer.class)
        .single();
  }

  private long pendingRows() {
    return jdbc.sql("select count(*) from outbox where sent_at is null").query(Long.class).single();
  }

  private FailedRow failedRow(UUID eventId) {
    return jdbc.sql(
            """
            select attempts, last_error, last_attempt_at is not null as last_attempt_at, sent_at is not null as sent
            from outbox where event_id = :id
            """)
        .param("id", eventId)
        .query(FailedRow.class)
        .single();
  }

  private static List<String> keys(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::key).distinct().toList();
  }

  private static String eventId(String envelope) {
    return envelope.replaceAll(".*\"eventId\": ?\"([^\"]+)\".*", "$1");
  }

  private static ProbeEvent oversized(String topic, UUID user) {
    return new ProbeEvent(topic, user, PAYLOAD_MARK + "x".repeat(TOPIC_LIMIT * 2));
  }

  private static ProbeEvent small(String topic, UUID user) {
    return new ProbeEvent(topic, user, "fits");
  }

  record FailedRow(int attempts, String lastError, boolean lastAttemptAt, boolean sent) {}

  /**
   * An event of a user on a topic of the test's own, with a note that makes it as large as needed.
   */
  record ProbeEvent(@JsonIgnore String topic, UUID userId, String note) implements DomainEvent {
    @Override
    public EventType<?> eventType() {
      return new EventType<>(topic, "OutboxProbe", 1, ProbeEvent.class);
    }

    @Override
    public String key() {
      return userId.toString();
    }
  }
}
