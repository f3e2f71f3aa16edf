/** The Kafka contract: topics, the event envelope and the version-1 payloads. */
@NullMarked
package com.acme.saas.common.events;

import org.jspecify.annotations.NullMarked;
