package com.acme.saas.common.outbox;

import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventsAutoConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
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
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
    })
@ConditionalOnClass({KafkaTemplate.class, JdbcClient.class})
@ConditionalOnBean({DataSource.class, KafkaTemplate.class, EventCodec.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

  @Bean
  OutboxRelay outboxRelay(
      DataSource dataSource,
      PlatformTransactionManager transactionManager,
      KafkaTemplate<String, String> kafkaTemplate,
      OutboxProperties properties,
      ObjectProvider<MeterRegistry> meterRegistry,
      ObjectProvider<KafkaAdmin> kafkaAdmin) {
    OutboxRelay relay =
        new OutboxRelay(
            JdbcClient.create(dataSource),
            new TransactionTemplate(transactionManager),
            kafkaTemplate,
            properties,
            () -> kafkaAdmin.ifAvailable(KafkaAdmin::initialize));
    meterRegistry.ifAvailable(
        registry ->
            Gauge.builder("outbox.pending", relay, OutboxRelay::pendingCount)
                .description("Outbox events written but not yet acknowledged by Kafka")
                .register(registry));
    return relay;
  }

  @Bean
  OutboxWriter outboxWriter(DataSource dataSource, EventCodec codec, OutboxRelay relay) {
    return new OutboxWriter(JdbcClient.create(dataSource), codec, relay);
  }
}
