/** The transactional outbox: events written with the change that caused them, relayed to Kafka. */
@NullMarked
package com.acme.saas.common.outbox;

import org.jspecify.annotations.NullMarked;
