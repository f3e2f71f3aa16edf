package com.acme.saas.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.events.Topics;
import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.KafkaTestClient;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
    classes = ProbeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ObservabilityTests {

  @LocalServerPort int port;

  @Test
  void prometheusExposesTheOutboxBacklog() {
    HttpApi.Response metrics = HttpApi.local(port).get("/actuator/prometheus", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("outbox_pending");
  }

  @Test
  void kafkasRebootstrapChatterIsNotLogged() {
    assertThat(
            LoggerFactory.getLogger("org.apache.kafka.clients.admin.internals.AdminMetadataManager")
                .isInfoEnabled())
        .isFalse();
    assertThat(
            LoggerFactory.getLogger("org.apache.kafka.clients.admin.internals.AdminMetadataManager")
                .isWarnEnabled())
        .isTrue();
  }

  @Test
  void theRequestsTraceTravelsWithItsEventToKafka() {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    UUID user = UUID.randomUUID();
    HttpApi.Response response =
        HttpApi.local(port)
            .call("POST", "/probe/users/" + user + "/delete")
            .bearer(TestTokens.admin(UUID.randomUUID()))
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .send();
    assertThat(response.status()).isEqualTo(204);

    ConsumerRecord<String, String> record =
        KafkaTestClient.shared()
            .readUntil(
                Topics.USER_EVENTS,
                read -> read.stream().anyMatch(r -> user.toString().equals(r.key())),
                Duration.ofSeconds(30))
            .stream()
            .filter(r -> user.toString().equals(r.key()))
            .findFirst()
            .orElseThrow();
    Header traceparent = record.headers().lastHeader("traceparent");
    assertThat(traceparent).isNotNull();
    assertThat(new String(traceparent.value(), StandardCharsets.US_ASCII))
        .startsWith("00-" + traceId + "-");
  }
}
