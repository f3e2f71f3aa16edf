package com.acme.saas.common.inbox;

import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventsAutoConfiguration;
import com.acme.saas.common.events.MalformedEventException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscribes to the topics of the service's {@link EventHandler} beans with one listener container.
 * Failed records are retried with backoff, then published to {@code <topic>-dlt} with the exception
 * in the record headers; unreadable records skip the retries.
 */
@AutoConfiguration(
    after = EventsAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
    })
@ConditionalOnClass({KafkaTemplate.class, JdbcClient.class})
@ConditionalOnBean({DataSource.class, KafkaTemplate.class, EventCodec.class})
@EnableConfigurationProperties(InboxProperties.class)
public class InboxAutoConfiguration {

  @Bean
  ProcessedEvents processedEvents(DataSource dataSource) {
    return new ProcessedEvents(JdbcClient.create(dataSource));
  }

  @Bean
  CommonErrorHandler deadLetteringErrorHandler(
      KafkaTemplate<Object, Object> kafkaTemplate, InboxProperties properties) {
    ExponentialBackOffWithMaxRetries backOff =
        new ExponentialBackOffWithMaxRetries(properties.maxRetries());
    backOff.setInitialInterval(properties.initialBackoff().toMillis());
    backOff.setMultiplier(2.0);
    backOff.setMaxInterval(properties.maxBackoff().toMillis());
    DefaultErrorHandler handler =
        new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafkaTemplate), backOff);
    handler.addNotRetryableExceptions(MalformedEventException.class);
    return handler;
  }

  @Bean
  @ConditionalOnBean(EventHandler.class)
  ConcurrentMessageListenerContainer<Object, Object> inboxListenerContainer(
      ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
      List<EventHandler<?>> handlers,
      EventCodec codec,
      ProcessedEvents processedEvents,
      PlatformTransactionManager transactionManager,
      InboxProperties properties,
      @Value("${spring.application.name}") String applicationName) {
    InboxDispatcher dispatcher =
        new InboxDispatcher(
            handlers, codec, processedEvents, new TransactionTemplate(transactionManager));
    ConcurrentMessageListenerContainer<Object, Object> container =
        factory.createContainer(dispatcher.topics().toArray(String[]::new));
    container
        .getContainerProperties()
        .setGroupId(properties.groupId() == null ? applicationName : properties.groupId());
    container.setupMessageListener(dispatcher);
    return container;
  }
}
