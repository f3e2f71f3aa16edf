package com.acme.saas.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.events.Topics;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.KafkaTestClient;
import com.acme.saas.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Replicas of one service share its outbox: together they publish every event once, in order. */
@SpringBootTest(classes = ProbeApplication.class)
@RealInfrastructure
class OutboxReplicasTests {

  @Autowired OutboxWriter outbox;
  @Autowired OutboxRelay relay;
  @Autowired OutboxRepository outboxRows;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired KafkaTemplate<String, String> kafkaTemplate;
  @Autowired OutboxProperties properties;

  @Test
  void concurrentRelaysPublishEachEventOnceAndInOrder() {
    UUID user = UUID.randomUUID();
    TransactionTemplate transactions = new TransactionTemplate(transactionManager);
    // One user's events, so they share a key and a partition: their order must survive.
    List<UUID> eventIds =
        IntStream.range(0, 300)
            .mapToObj(
                i -> transactions.execute(status -> outbox.write(new UserDeleted(user)).eventId()))
            .toList();

    OutboxRelay otherReplica =
        new OutboxRelay(
            new OutboxRepository(JdbcClient.create(dataSource)),
            transactions,
            kafkaTemplate,
            properties,
            () -> {});
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(relay::relayPending);
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(otherReplica::relayPending);
    CompletableFuture.allOf(first, second).join();

    List<String> published =
        KafkaTestClient.shared()
            .readUntil(
                Topics.USER_EVENTS,
                read -> ofUser(read, user).size() >= eventIds.size(),
                Duration.ofSeconds(60))
            .stream()
            .filter(r -> user.toString().equals(r.key()))
            .map(r -> r.value().replaceAll(".*\"eventId\": ?\"([^\"]+)\".*", "$1"))
            .toList();
    assertThat(published).containsExactlyElementsOf(eventIds.stream().map(UUID::toString).toList());
    assertThat(Set.copyOf(published)).hasSize(eventIds.size());
    assertThat(outboxRows.pendingCount()).isZero();
  }

  private static List<ConsumerRecord<String, String>> ofUser(
      List<ConsumerRecord<String, String>> records, UUID user) {
    return records.stream().filter(r -> user.toString().equals(r.key())).toList();
  }
}
