package com.acme.saas.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.Topics;
import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.Infrastructure;
import com.acme.saas.testsupport.KafkaTestClient;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service starts while Kafka is unreachable: events written meanwhile wait in the outbox and
 * are all delivered, in order, once Kafka answers. The service's bootstrap address is a loopback
 * port that refuses connections until the test opens it to the real broker.
 */
@SpringBootTest(
    classes = ProbeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OutboxDeliveryTests {

  static final BrokerDoor door = new BrokerDoor();

  @LocalServerPort int port;
  @Autowired OutboxRepository outboxRows;

  @DynamicPropertySource
  static void bootstrapThroughAClosedDoor(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + door.port);
  }

  @AfterAll
  static void closeDoor() throws IOException {
    door.close();
  }

  @Test
  void eventsWrittenWhileKafkaIsDownAreDeliveredInOrderWhenItIsBack() throws IOException {
    HttpApi api = HttpApi.local(port);
    List<UUID> users = Stream.generate(UUID::randomUUID).limit(3).toList();
    for (UUID user : users) {
      assertThat(
              api.post(
                      "/probe/users/" + user + "/delete", TestTokens.admin(UUID.randomUUID()), null)
                  .status())
          .isEqualTo(204);
    }
    // The relay has tried and failed; nothing is lost, everything is still pending.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(15))
        .until(() -> outboxRows.pendingCount() == 3);

    door.open();

    await().atMost(Duration.ofSeconds(60)).until(() -> outboxRows.pendingCount() == 0);
    List<ConsumerRecord<String, String>> records =
        KafkaTestClient.shared()
            .readUntil(
                Topics.USER_EVENTS,
                read ->
                    read.stream().filter(r -> users.contains(UUID.fromString(r.key()))).count()
                        == 3,
                Duration.ofSeconds(30));
    assertThat(
            records.stream()
                .map(ConsumerRecord::key)
                .filter(k -> users.contains(UUID.fromString(k))))
        .containsExactlyElementsOf(users.stream().map(UUID::toString).toList());
  }

  /**
   * A loopback port that refuses connections until opened, then forwards them to the test broker.
   */
  static final class BrokerDoor {
    final int port;
    private ServerSocket listener;

    BrokerDoor() {
      try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void open() throws IOException {
      String[] broker = Infrastructure.get().kafkaBootstrapServers().split(",")[0].split(":");
      listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
      Thread.ofVirtual()
          .start(
              () -> {
                while (!listener.isClosed()) {
                  try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(broker[0], Integer.parseInt(broker[1]));
                    Thread.ofVirtual().start(() -> pipe(client, upstream));
                    Thread.ofVirtual().start(() -> pipe(upstream, client));
                  } catch (IOException e) {
                    return;
                  }
                }
              });
    }

    void close() throws IOException {
      if (listener != null) {
        listener.close();
      }
    }

    private static void pipe(Socket from, Socket to) {
      try (InputStream in = from.getInputStream();
          OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException ignored) {
        // either side closed
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }
}
