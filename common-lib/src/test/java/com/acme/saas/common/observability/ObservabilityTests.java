package com.acme.saas.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.events.Topics;
import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.KafkaTestClient;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

@SpringBootTest(
    classes = ProbeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(ObservabilityTests.Exporter.class)
class ObservabilityTests {

  @LocalServerPort int port;
  @Autowired Environment environment;

  @Test
  void prometheusExposesTheOutboxBacklog() {
    HttpApi.Response metrics = HttpApi.local(port).get("/actuator/prometheus", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("outbox_pending");
  }

  @Test
  void requestsAreMeasuredWithoutTheSecurityFilterChainsOwnTimers() {
    assertThat(HttpApi.local(port).get("/probe/me", TestTokens.user(UUID.randomUUID())).status())
        .isEqualTo(200);
    String metrics = HttpApi.local(port).get("/actuator/prometheus", null).text();
    assertThat(metrics)
        .contains("http_server_requests_seconds_count{")
        .contains("uri=\"/probe/me\"");
    assertThat(metrics).doesNotContain("spring_security_");
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
  void aSampledCallersTraceIsRecordedAndTravelsWithItsEventToItsConsumer() {
    String traceId = newTraceId();
    UUID user = deleteUser(traceId, "01");

    assertThat(traceparentOfEventFor(user)).startsWith("00-" + traceId + "-").endsWith("-01");
    await(
        () ->
            assertThat(SPANS.kinds(traceId))
                .as("the request's span and its event consumer's span, in the caller's trace")
                .contains(SpanKind.SERVER, SpanKind.CONSUMER));
  }

  @Test
  void aCallerThatDidNotSampleIsNotRecordedHereNorByTheConsumer() {
    String unsampled = newTraceId();
    UUID user = deleteUser(unsampled, "00");
    assertThat(traceparentOfEventFor(user)).startsWith("00-" + unsampled + "-").endsWith("-00");

    // A sampled request after it: once its consumer's span is exported, the unsampled one's
    // would have been too.
    String sampled = newTraceId();
    deleteUser(sampled, "01");
    await(() -> assertThat(SPANS.kinds(sampled)).contains(SpanKind.CONSUMER));
    assertThat(SPANS.kinds(unsampled)).isEmpty();
  }

  @Test
  void aTenthOfNewTracesAreSampledUnlessConfiguredOtherwise() {
    assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
  }

  private UUID deleteUser(String traceId, String flags) {
    UUID user = UUID.randomUUID();
    HttpApi.Response response =
        HttpApi.local(port)
            .call("POST", "/probe/users/" + user + "/delete")
            .bearer(TestTokens.admin(UUID.randomUUID()))
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + flags)
            .send();
    assertThat(response.status()).isEqualTo(204);
    return user;
  }

  private static String traceparentOfEventFor(UUID user) {
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
    return new String(traceparent.value(), StandardCharsets.US_ASCII);
  }

  private static String newTraceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Retries {@code check} until it passes; the span processor exports in batches. */
  private static void await(Runnable check) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static final RecordedSpans SPANS = new RecordedSpans();

  /** Every span the service exports, kept in memory. */
  static final class RecordedSpans implements SpanExporter {
    private final Queue<SpanData> spans = new ConcurrentLinkedQueue<>();

    List<SpanKind> kinds(String traceId) {
      return spans.stream()
          .filter(s -> s.getTraceId().equals(traceId))
          .map(SpanData::getKind)
          .toList();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> exported) {
      spans.addAll(exported);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Exporter {
    @Bean
    SpanExporter recordedSpans() {
      return SPANS;
    }
  }
}
