package com.acme.saas.common.outbox;

import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventsAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** An outbox for every service that has both a database and Kafka. */
@AutoConfiguration(
    after = EventsAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
      "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"
    })
@ConditionalOnClass({KafkaTemplate.class, JdbcClient.class})
@ConditionalOnBean({DataSource.class, KafkaTemplate.class, EventCodec.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

  @Bean
  OutboxRepository outboxRepository(DataSource dataSource) {
    return new OutboxRepository(JdbcClient.create(dataSource));
  }

  @Bean
  OutboxRelay outboxRelay(
      OutboxRepository outbox,
      PlatformTransactionManager transactionManager,
      KafkaTemplate<String, String> kafkaTemplate,
      OutboxProperties properties,
      ObjectProvider<KafkaAdmin> kafkaAdmin) {
    return new OutboxRelay(
        outbox,
        new TransactionTemplate(transactionManager),
        kafkaTemplate,
        properties,
        () -> kafkaAdmin.ifAvailable(KafkaAdmin::initialize));
  }

  @Bean
  OutboxSchedule outboxSchedule(
      OutboxRelay relay, OutboxRepository outbox, OutboxProperties properties) {
    return new OutboxSchedule(relay, outbox, properties);
  }

  @Bean
  OutboxWriter outboxWriter(
      OutboxRepository outbox,
      EventCodec codec,
      OutboxSchedule schedule,
      ObjectProvider<CurrentTraceparent> traceparent) {
    CurrentTraceparent current = traceparent.getIfAvailable();
    return new OutboxWriter(outbox, codec, schedule, current != null ? current : () -> null);
  }

  /** The trace context events carry, where the service traces (every service, by default). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Tracer.class)
  static class Tracing {

    @Bean
    @ConditionalOnBean(Tracer.class)
    CurrentTraceparent currentTraceparent(Tracer tracer) {
      return new CurrentTraceparent(tracer);
    }
  }

  /** The gauges, where the service has Micrometer (every service, through the actuator). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterBinder.class)
  static class Metrics {

    @Bean
    OutboxMetrics outboxMetrics(OutboxRepository outbox, OutboxProperties properties) {
      return new OutboxMetrics(outbox, properties);
    }
  }
}
