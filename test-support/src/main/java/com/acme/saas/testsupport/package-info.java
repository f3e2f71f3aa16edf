/**
 * Real Postgres, Redis and Kafka for integration tests, and access tokens signed like
 * auth-service's.
 */
@NullMarked
package com.acme.saas.testsupport;

import org.jspecify.annotations.NullMarked;
