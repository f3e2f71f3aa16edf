package com.acme.saas.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link TestUser} field: a new user, signed in with a {@link TestTokens} access token, set
 * before each test. For the services, which verify tokens and never issue them.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(InjectedFields.class)
public @interface InjectUser {

  /** The role the token carries: {@code USER} or {@code ADMIN}. */
  String role() default "USER";
}
