package com.acme.saas.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link RegisteredUser} field: a new account registered through the service's own {@code POST
 * /api/v1/auth/register} before each test, signed in by that registration. For auth-service's
 * tests, where the account is what is under test.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(InjectedFields.class)
public @interface InjectRegisteredUser {}
