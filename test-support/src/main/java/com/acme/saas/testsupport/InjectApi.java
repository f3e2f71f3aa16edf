package com.acme.saas.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client of the service under test on its random port, set before each test: an {@link HttpApi},
 * or a client of the service's API with a public constructor taking one (a module's {@code
 * TaskClient}, say). The test is a {@code @SpringBootTest} with a random port.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(InjectedFields.class)
public @interface InjectApi {}
