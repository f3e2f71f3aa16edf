package com.acme.saas.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.lang.annotation.Annotation;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps every failure a controller can raise to its catalogued code. Only messages written for
 * clients leave this class; anything unexpected is logged with its stack and answered as a bare
 * INTERNAL_ERROR.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class GlobalErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(GlobalErrorHandler.class);

  private final JsonFieldPaths jsonFields;

  public GlobalErrorHandler(JsonMapper jsonMapper) {
    this.jsonFields = new JsonFieldPaths(jsonMapper);
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ErrorResponse> api(ApiException e, HttpServletRequest request) {
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status());
    if (e.retryAfter() != null) {
      builder.header(
          HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }
    return builder.body(ErrorResponse.of(e.code(), e.getMessage(), null, requestId(request)));
  }

  @ExceptionHandler(BindException.class)
  ResponseEntity<ErrorResponse> bind(BindException e, HttpServletRequest request) {
    // A body's fields are named as in its JSON; query parameters bound to an object keep their
    // names.
    boolean body =
        e instanceof MethodArgumentNotValidException invalid
            && invalid.getParameter().hasParameterAnnotation(RequestBody.class);
    Class<?> jsonType = body && e.getTarget() != null ? e.getTarget().getClass() : null;
    return validation(
        "Request validation failed",
        sorted(fieldViolations(jsonType, e.getFieldErrors())),
        request);
  }

  /**
   * Names each failure as the client sent it: the query parameter or header by its
   * {@code @RequestParam} / {@code @RequestHeader} name, a bound object or body by the path of the
   * field inside it ({@code pageSize}, {@code items[2].title}).
   */
  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ErrorResponse> methodValidation(
      HandlerMethodValidationException e, HttpServletRequest request) {
    List<ErrorResponse.FieldViolation> details = new ArrayList<>();
    for (ParameterValidationResult result : e.getParameterValidationResults()) {
      MethodParameter parameter = result.getMethodParameter();
      if (result instanceof ParameterErrors errors) {
        // A bound object or a body: each failure by its path inside it (pageSize, items[2].title),
        // a body's as in its JSON.
        Object argument = errors.getArgument();
        Class<?> jsonType =
            !parameter.hasParameterAnnotation(RequestBody.class)
                ? null
                : argument == null ? parameter.getParameterType() : argument.getClass();
        details.addAll(fieldViolations(jsonType, errors.getFieldErrors()));
        for (ObjectError error : errors.getGlobalErrors()) {
          details.add(
              new ErrorResponse.FieldViolation(
                  requestName(parameter), String.valueOf(error.getDefaultMessage())));
        }
      } else {
        for (MessageSourceResolvable error : result.getResolvableErrors()) {
          details.add(
              new ErrorResponse.FieldViolation(
                  requestName(parameter), String.valueOf(error.getDefaultMessage())));
        }
      }
    }
    return validation("Request validation failed", sorted(details), request);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ErrorResponse> constraint(
      ConstraintViolationException e, HttpServletRequest request) {
    List<ErrorResponse.FieldViolation> details =
        e.getConstraintViolations().stream()
            .map(
                v ->
                    new ErrorResponse.FieldViolation(
                        lastNode(v.getPropertyPath().toString()), v.getMessage()))
            .toList();
    return validation("Request validation failed", details, request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorResponse> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    if (causedBy(e, BodySizeLimitFilter.BodyTooLargeException.class) != null) {
      return error(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large", request);
    }
    UnrecognizedPropertyException unknown = causedBy(e, UnrecognizedPropertyException.class);
    if (unknown != null) {
      String field = jsonPath(unknown.getPath());
      return validation(
          "Unknown field '" + field + "'",
          List.of(new ErrorResponse.FieldViolation(field, "is not a known field")),
          request);
    }
    DatabindException mismatch = causedBy(e, DatabindException.class);
    if (mismatch != null && !mismatch.getPath().isEmpty()) {
      String field = jsonPath(mismatch.getPath());
      return validation(
          "Field '" + field + "' has the wrong type or format",
          List.of(new ErrorResponse.FieldViolation(field, "has the wrong type or format")),
          request);
    }
    return validation("Malformed JSON request body", null, request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ErrorResponse> typeMismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return validation(
        "Parameter '" + e.getName() + "' has an invalid value",
        List.of(new ErrorResponse.FieldViolation(e.getName(), "has an invalid value")),
        request);
  }

  @ExceptionHandler(MissingRequestValueException.class)
  ResponseEntity<ErrorResponse> missing(
      MissingRequestValueException e, HttpServletRequest request) {
    return validation(
        e.getBody().getDetail() == null ? "A required value is missing" : e.getBody().getDetail(),
        null,
        request);
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<ErrorResponse> noHandler(Exception e, HttpServletRequest request) {
    return error(
        ErrorCode.RESOURCE_NOT_FOUND, "No resource at " + request.getRequestURI(), request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ErrorResponse> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    ResponseEntity<ErrorResponse> response =
        error(
            ErrorCode.METHOD_NOT_ALLOWED,
            "Method " + e.getMethod() + " is not allowed here",
            request);
    return ResponseEntity.status(response.getStatusCode())
        .headers(e.getHeaders())
        .body(response.getBody());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ErrorResponse> mediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return error(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content type must be application/json", request);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ErrorResponse> notAcceptable(
      HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
    return validation("This resource answers application/json only", null, request);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ErrorResponse> tooLarge(
      MaxUploadSizeExceededException e, HttpServletRequest request) {
    return error(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large", request);
  }

  /**
   * The database was out of reach for a moment (connections cut, a failover, the pool exhausted) or
   * gave up on a lock (a deadlock, a lock or statement timeout): nothing the client did, the
   * transaction rolled back, and a retry soon may well succeed.
   */
  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class,
    RecoverableDataAccessException.class,
    CannotCreateTransactionException.class
  })
  ResponseEntity<ErrorResponse> databaseUnavailable(Exception e, HttpServletRequest request) {
    log.warn(
        "request.database_unavailable method={} path={} requestId={} error={}",
        request.getMethod(),
        request.getRequestURI(),
        requestId(request),
        e.getClass().getSimpleName());
    return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.status())
        .header(HttpHeaders.RETRY_AFTER, "1")
        .body(
            ErrorResponse.of(
                ErrorCode.SERVICE_UNAVAILABLE,
                "The service is briefly unavailable; try again",
                null,
                requestId(request)));
  }

  /**
   * A rollback or commit that failed because the session was cut under it: the connection's fault
   * (the application's own failure, if any, is kept on the exception), so 503 as above.
   */
  @ExceptionHandler(TransactionSystemException.class)
  ResponseEntity<ErrorResponse> transactionFailed(
      TransactionSystemException e, HttpServletRequest request) {
    Throwable application = e.getApplicationException();
    if (isConnectionLoss(e) || (application != null && isConnectionLoss(application))) {
      return databaseUnavailable(e, request);
    }
    return unexpected(e, request);
  }

  private static boolean isConnectionLoss(Throwable e) {
    if (causedBy(e, DataAccessResourceFailureException.class) != null
        || causedBy(e, SQLTransientConnectionException.class) != null
        || causedBy(e, SQLRecoverableException.class) != null) {
      return true;
    }
    SQLException sql = causedBy(e, SQLException.class);
    // SQLSTATE class 08: connection exception.
    return sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorResponse> unexpected(Exception e, HttpServletRequest request) {
    if (causedBy(e, BodySizeLimitFilter.BodyTooLargeException.class) != null) {
      return error(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large", request);
    }
    log.error(
        "request.failed method={} path={} requestId={}",
        request.getMethod(),
        request.getRequestURI(),
        requestId(request),
        e);
    return error(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred", request);
  }

  static ResponseEntity<ErrorResponse> error(
      ErrorCode code, String message, HttpServletRequest request) {
    return ResponseEntity.status(code.status())
        .body(ErrorResponse.of(code, message, null, requestId(request)));
  }

  private static ResponseEntity<ErrorResponse> validation(
      String message,
      @Nullable List<ErrorResponse.FieldViolation> details,
      HttpServletRequest request) {
    return ResponseEntity.status(ErrorCode.VALIDATION_ERROR.status())
        .body(ErrorResponse.of(ErrorCode.VALIDATION_ERROR, message, details, requestId(request)));
  }

  private static @Nullable String requestId(HttpServletRequest request) {
    return ErrorResponseWriter.requestId(request);
  }

  /**
   * {@code jsonType}: the body whose JSON names the fields; {@code null} keeps the names as bound.
   */
  private List<ErrorResponse.FieldViolation> fieldViolations(
      @Nullable Class<?> jsonType, List<FieldError> errors) {
    return errors.stream()
        .map(
            f ->
                new ErrorResponse.FieldViolation(
                    jsonFields.of(jsonType, f.getField()),
                    fieldMessage(f.isBindingFailure(), f.getDefaultMessage())))
        .toList();
  }

  private static List<ErrorResponse.FieldViolation> sorted(
      List<ErrorResponse.FieldViolation> details) {
    return details.stream()
        .sorted(Comparator.comparing(ErrorResponse.FieldViolation::field))
        .toList();
  }

  /** The JSON path of a body failure as the client wrote it: {@code items[2].title}. */
  private static String jsonPath(List<JacksonException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : references) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /**
   * A parameter as the client sends it: its {@code @RequestParam}, {@code @PathVariable} or
   * {@code @RequestHeader} name.
   */
  private static String requestName(MethodParameter parameter) {
    for (Annotation annotation : parameter.getParameterAnnotations()) {
      String name =
          switch (annotation) {
            case RequestParam param -> param.name();
            case PathVariable variable -> variable.name();
            case RequestHeader header -> header.name();
            default -> "";
          };
      if (!name.isEmpty()) {
        return name;
      }
    }
    return parameter.getParameterName() == null ? "parameter" : parameter.getParameterName();
  }

  private static String fieldMessage(boolean bindingFailure, @Nullable String message) {
    // A binding failure's default message is a framework sentence naming Java types.
    return bindingFailure || message == null ? "has an invalid value" : message;
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
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
