package com.acme.saas.common.observability;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service of the suite shares, added with the lowest precedence so that any
 * application.yml, environment variable or command-line argument overrides them.
 */
public class SuiteDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String SOURCE_NAME = "saasSuiteDefaults";

  private static final Map<String, Object> DEFAULTS =
      Map.ofEntries(
          // Observability: probes, Prometheus, JSON logs with trace and request ids.
          Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
          Map.entry("management.endpoint.health.probes.enabled", "true"),
          Map.entry("management.endpoint.health.show-details", "never"),
          // A tenth of the traces that start here are recorded: recording every span costs each
          // request its span objects and export. Spring Boot's sampler is parent-based, so a
          // traced caller's decision (its traceparent's sampled flag, over HTTP or carried by an
          // event through the outbox) is kept whatever the ratio.
          Map.entry(
              "management.tracing.sampling.probability", "${TRACING_SAMPLING_PROBABILITY:0.1}"),
          // Metrics are scraped from /actuator/prometheus; traces go out over OTLP only when
          // management.opentelemetry.tracing.export.otlp.endpoint is set.
          Map.entry("management.otlp.metrics.export.enabled", "false"),
          // Spring Boot's ECS format, encoded faster than Boot 4.0 does it (EcsLogFormatter).
          Map.entry("logging.structured.format.console", EcsLogFormatter.class.getName()),
          Map.entry("server.shutdown", "graceful"),
          Map.entry("spring.threads.virtual.enabled", "true"),
          // The outbox and processed_events tables come from common-lib's migrations.
          Map.entry("spring.flyway.locations", "classpath:db/migration,classpath:db/saas-common"),
          // common-lib's migrations are numbered 0.x, below every service's own: a database that
          // has the service's V1.. already takes a new 0.x at its next start instead of refusing
          // it.
          Map.entry("spring.flyway.out-of-order", "true"),
          // Producers: durable, idempotent, and quick to report a broker outage to the outbox
          // relay.
          Map.entry("spring.kafka.producer.acks", "all"),
          Map.entry("spring.kafka.producer.properties.enable.idempotence", "true"),
          Map.entry("spring.kafka.producer.properties.max.block.ms", "5000"),
          Map.entry("spring.kafka.producer.properties.request.timeout.ms", "5000"),
          Map.entry("spring.kafka.producer.properties.delivery.timeout.ms", "10000"),
          Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
          // Topic creation at start must not hold a service up for long when Kafka is down;
          // the outbox relay creates missing topics once Kafka answers.
          Map.entry("spring.kafka.admin.operation-timeout", "5s"),
          Map.entry("spring.kafka.admin.close-timeout", "2s"),
          // While the broker is unreachable, Kafka's admin client logs every rebootstrap attempt
          // at INFO, dozens a second; its WARN lines still report the outage.
          Map.entry(
              "logging.level.org.apache.kafka.clients.admin.internals.AdminMetadataManager",
              "WARN"),
          Map.entry("spring.kafka.listener.observation-enabled", "true"));

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
  }
}
