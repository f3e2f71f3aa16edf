package com.acme.saas.common.web;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A failure the client caused or must know about, answered with its catalogued code. The message
 * is shown to the client, so it never carries internals.
 */
public class ApiException extends RuntimeException {

  private final ErrorCode code;
  private final @Nullable Duration retryAfter;

  public ApiException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ApiException(ErrorCode code, String message, @Nullable Duration retryAfter) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public ErrorCode code() {
    return code;
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

  public static ApiException validation(String message) {
    return new ApiException(ErrorCode.VALIDATION_ERROR, message);
  }
}
