package com.acme.saas.common.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The event codec and the topics of the contract, created at start when missing (1 partition
 * locally, {@code saas.events.partitions=6} in production). Dead-letter topics get as many
 * partitions as their source, because a failed record is dead-lettered to its own partition number.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaAdmin.class)
public class EventsAutoConfiguration {

  @Bean
  EventCodec eventCodec(@Value("${spring.application.name}") String producer) {
    return new EventCodec(producer);
  }

  @Bean
  KafkaAdmin.NewTopics suiteTopics(
      @Value("${saas.events.partitions:1}") int partitions,
      @Value("${saas.events.replicas:1}") short replicas) {
    return new KafkaAdmin.NewTopics(
        topic(Topics.USER_EVENTS, partitions, replicas),
        topic(Topics.deadLetter(Topics.USER_EVENTS), partitions, replicas),
        topic(Topics.SUBSCRIPTION_EVENTS, partitions, replicas),
        topic(Topics.deadLetter(Topics.SUBSCRIPTION_EVENTS), partitions, replicas));
  }

  private static NewTopic topic(String name, int partitions, short replicas) {
    return TopicBuilder.name(name).partitions(partitions).replicas(replicas).build();
  }
}
