package com.acme.saas.common.openapi;

import com.acme.saas.common.web.ErrorCode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Errors a handler method answers beyond those {@link OpenApiConventions} give every operation (a
 * public route's 401 for wrong credentials, a 409), documented as error responses of their statuses
 * with the codes named. {@link OpenApiConventions#errorResponses()} reads it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ErrorResponses {

  ErrorCode[] value();
}
