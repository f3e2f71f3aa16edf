package com.acme.saas.common.web;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or must know about, answered with its catalogued code. The message is
 * shown to the client, so it never carries internals.
 */
public class ApiException extends RuntimeException {

  private final ErrorCode code;
  private final HttpStatus status;
  private final @Nullable Duration retryAfter;

  public ApiException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ApiException(ErrorCode code, String message, @Nullable Duration retryAfter) {
    this(code, code.status(), message, retryAfter);
  }

  private ApiException(
      ErrorCode code, HttpStatus status, String message, @Nullable Duration retryAfter) {
    super(message);
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public ErrorCode code() {
    return code;
  }

  /** The code's status, unless the contract gives this use of the code another one. */
  public HttpStatus status() {
    return status;
  }

  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  public static ApiException notFound(String what, Object id) {
    return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, what + " " + id + " does not exist");
  }

  public static ApiException conflict(String message) {
    return new ApiException(ErrorCode.CONFLICT, message);
  }

  /**
   * TOKEN_INVALID for a one-time token in a request body (email verification, password reset): 400,
   * as the contract says, since it is the body that is bad, not the caller's credentials.
   */
  public static ApiException invalidBodyToken(String message) {
    return new ApiException(ErrorCode.TOKEN_INVALID, HttpStatus.BAD_REQUEST, message, null);
  }

  public static ApiException validation(String message) {
    return new ApiException(ErrorCode.VALIDATION_ERROR, message);
  }
}
