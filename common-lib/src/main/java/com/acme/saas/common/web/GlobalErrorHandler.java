package com.acme.saas.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every failure a controller raises in the envelope, by one classification ({@link
 * #classify}) into its catalogued code. Only messages written for clients leave this class;
 * anything unexpected is logged with its stack and answered as a bare INTERNAL_ERROR.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class GlobalErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(GlobalErrorHandler.class);
  private static final String INVALID = "Request validation failed";

  private final ValidationDetails validationDetails;

  public GlobalErrorHandler(JsonMapper jsonMapper) {
    this.validationDetails = new ValidationDetails(jsonMapper);
  }

  /** What the client is told: the code, a message written for clients, and what goes with it. */
  private record Failure(
      ErrorCode code,
      HttpStatus status,
      String message,
      @Nullable List<ErrorResponse.FieldViolation> details,
      @Nullable Duration retryAfter,
      HttpHeaders headers) {

    Failure(ErrorCode code, String message) {
      this(code, code.status(), message, null, null, HttpHeaders.EMPTY);
    }

    static Failure invalid(String message, @Nullable List<ErrorResponse.FieldViolation> details) {
      return new Failure(
          ErrorCode.VALIDATION_ERROR,
          ErrorCode.VALIDATION_ERROR.status(),
          message,
          details,
          null,
          HttpHeaders.EMPTY);
    }
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorResponse> handle(Exception e, HttpServletRequest request) {
    Failure failure = classify(e, request);
    if (failure.code() == ErrorCode.INTERNAL_ERROR) {
      log.error(
          "request.failed method={} path={} requestId={}",
          request.getMethod(),
          request.getRequestURI(),
          requestId(request),
          e);
    } else if (failure.code() == ErrorCode.SERVICE_UNAVAILABLE && !(e instanceof ApiException)) {
      log.warn(
          "request.database_unavailable method={} path={} requestId={} error={}",
          request.getMethod(),
          request.getRequestURI(),
          requestId(request),
          e.getClass().getSimpleName());
    }
    ResponseEntity.BodyBuilder response =
        ResponseEntity.status(failure.status()).headers(failure.headers());
    if (failure.retryAfter() != null) {
      response.header(
          HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, failure.retryAfter().toSeconds())));
    }
    return response.body(
        ErrorResponse.of(failure.code(), failure.message(), failure.details(), requestId(request)));
  }

  private Failure classify(Exception e, HttpServletRequest request) {
    // A body over the limit surfaces as whatever was reading it when the limit struck.
    if (e instanceof MaxUploadSizeExceededException
        || causedBy(e, BodySizeLimitFilter.BodyTooLargeException.class) != null) {
      return new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large");
    }
    return switch (e) {
      case ApiException api ->
          new Failure(
              api.code(),
              api.status(),
              api.getMessage(),
              null,
              api.retryAfter(),
              HttpHeaders.EMPTY);
      case BindException invalid -> Failure.invalid(INVALID, validationDetails.of(invalid));
      case HandlerMethodValidationException invalid ->
          Failure.invalid(INVALID, validationDetails.of(invalid));
      case ConstraintViolationException invalid ->
          Failure.invalid(INVALID, ValidationDetails.of(invalid));
      case HttpMessageNotReadableException unreadable -> unreadable(unreadable);
      case MethodArgumentTypeMismatchException mismatch ->
          Failure.invalid(
              "Parameter '" + mismatch.getName() + "' has an invalid value",
              List.of(
                  new ErrorResponse.FieldViolation(mismatch.getName(), "has an invalid value")));
      case MissingRequestValueException missing ->
          Failure.invalid(
              missing.getBody().getDetail() == null
                  ? "A required value is missing"
                  : missing.getBody().getDetail(),
              null);
      case NoResourceFoundException _, NoHandlerFoundException _ ->
          new Failure(ErrorCode.RESOURCE_NOT_FOUND, "No resource at " + request.getRequestURI());
      case HttpRequestMethodNotSupportedException method ->
          new Failure(
              ErrorCode.METHOD_NOT_ALLOWED,
              ErrorCode.METHOD_NOT_ALLOWED.status(),
              "Method " + method.getMethod() + " is not allowed here",
              null,
              null,
              method.getHeaders());
      case HttpMediaTypeNotSupportedException _ ->
          new Failure(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content type must be application/json");
      case HttpMediaTypeNotAcceptableException _ ->
          Failure.invalid("This resource answers application/json only", null);
      // The database out of reach for a moment (connections cut, a failover, the pool exhausted)
      // or giving up on a lock (a deadlock, a lock or statement timeout): nothing the client did,
      // the transaction rolled back, and a retry soon may well succeed.
      case DataAccessResourceFailureException _,
          TransientDataAccessException _,
          RecoverableDataAccessException _,
          CannotCreateTransactionException _ ->
          databaseUnavailable();
      // A rollback or commit that failed because the session was cut under it.
      case TransactionSystemException failed when isConnectionLoss(failed) -> databaseUnavailable();
      default -> new Failure(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
    };
  }

  private static Failure unreadable(HttpMessageNotReadableException e) {
    UnrecognizedPropertyException unknown = causedBy(e, UnrecognizedPropertyException.class);
    if (unknown != null) {
      String field = ValidationDetails.jsonPath(unknown.getPath());
      return Failure.invalid(
          "Unknown field '" + field + "'",
          List.of(new ErrorResponse.FieldViolation(field, "is not a known field")));
    }
    DatabindException mismatch = causedBy(e, DatabindException.class);
    if (mismatch != null && !mismatch.getPath().isEmpty()) {
      String field = ValidationDetails.jsonPath(mismatch.getPath());
      return Failure.invalid(
          "Field '" + field + "' has the wrong type or format",
          List.of(new ErrorResponse.FieldViolation(field, "has the wrong type or format")));
    }
    return Failure.invalid("Malformed JSON request body", null);
  }

  private static Failure databaseUnavailable() {
    return new Failure(
        ErrorCode.SERVICE_UNAVAILABLE,
        ErrorCode.SERVICE_UNAVAILABLE.status(),
        "The service is briefly unavailable; try again",
        null,
        Duration.ofSeconds(1),
        HttpHeaders.EMPTY);
  }

  /**
   * A commit or rollback the driver failed (a session cut under it: the pool then answers
   * "Connection is closed", without an SQLSTATE, which is why Spring could not translate it), or
   * the application's failure it overrode was the database's.
   */
  private static boolean isConnectionLoss(TransactionSystemException e) {
    Throwable application = e.getApplicationException();
    return causedBy(e, SQLException.class) != null
        || causedBy(e, DataAccessResourceFailureException.class) != null
        || (application != null
            && causedBy(application, DataAccessResourceFailureException.class) != null);
  }

  static ResponseEntity<ErrorResponse> error(
      ErrorCode code, String message, HttpServletRequest request) {
    return ResponseEntity.status(code.status())
        .body(ErrorResponse.of(code, message, null, requestId(request)));
  }

  private static @Nullable String requestId(HttpServletRequest request) {
    return ErrorResponseWriter.requestId(request);
  }

  static <T extends Throwable> @Nullable T causedBy(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
