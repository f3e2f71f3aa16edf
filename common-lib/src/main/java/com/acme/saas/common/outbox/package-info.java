/**
 * The transactional outbox: events written with the change that caused them, relayed to Kafka.
 * {@link com.acme.saas.common.outbox.OutboxWriter} stores an event in the business transaction,
 * {@link com.acme.saas.common.outbox.OutboxRelay} publishes what may go, {@link
 * com.acme.saas.common.outbox.OutboxSchedule} says when, {@link
 * com.acme.saas.common.outbox.OutboxRepository} holds the SQL and {@link
 * com.acme.saas.common.outbox.OutboxMetrics} the gauges.
 */
@NullMarked
package com.acme.saas.common.outbox;

import org.jspecify.annotations.NullMarked;
