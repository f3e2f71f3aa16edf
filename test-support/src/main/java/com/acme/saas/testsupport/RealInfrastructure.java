package com.acme.saas.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the Spring test context of the annotated class real infrastructure: a fresh Postgres
 * database (with the suite's roles and schemas, migrated by the service's own Flyway), Redis, a
 * Kafka broker, and a JWKS endpoint serving {@link TestTokens}' key. Missing infrastructure fails
 * the test with what to start; it never skips.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {}
