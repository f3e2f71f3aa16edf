package com.acme.saas.common.web;

import org.springframework.http.HttpStatus;

/** The error catalogue of the HTTP contract: every error a client sees carries one of these. */
public enum ErrorCode {
  VALIDATION_ERROR(HttpStatus.BAD_REQUEST),
  INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED),
  TOKEN_MISSING(HttpStatus.UNAUTHORIZED),
  TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED),
  TOKEN_INVALID(HttpStatus.UNAUTHORIZED),
  INSUFFICIENT_PERMISSIONS(HttpStatus.FORBIDDEN),
  PLAN_LIMIT_REACHED(HttpStatus.FORBIDDEN),
  EMAIL_NOT_VERIFIED(HttpStatus.FORBIDDEN),
  RESOURCE_NOT_FOUND(HttpStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
  EMAIL_ALREADY_EXISTS(HttpStatus.CONFLICT),
  CONFLICT(HttpStatus.CONFLICT),
  PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  URI_TOO_LONG(HttpStatus.URI_TOO_LONG),
  HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
  ACCOUNT_LOCKED(HttpStatus.LOCKED),
  RATE_LIMIT_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
  SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
  GATEWAY_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT);

  private final HttpStatus status;

  ErrorCode(HttpStatus status) {
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  /**
   * The code of an error answered with a bare status, by the container or a filter, not by our
   * code.
   */
  public static ErrorCode forStatus(int status) {
    return switch (status) {
      case 400 -> VALIDATION_ERROR;
      case 401 -> TOKEN_INVALID;
      case 403 -> INSUFFICIENT_PERMISSIONS;
      case 404 -> RESOURCE_NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 414 -> URI_TOO_LONG;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 431 -> HEADERS_TOO_LARGE;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> INTERNAL_ERROR;
    };
  }
}
