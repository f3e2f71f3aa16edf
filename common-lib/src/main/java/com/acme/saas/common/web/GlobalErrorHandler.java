package com.acme.saas.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
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
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every failure a controller can raise to its catalogued code. Only messages written for
 * clients leave this class; anything unexpected is logged with its stack and answered as a bare
 * INTERNAL_ERROR.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class GlobalErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(GlobalErrorHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ErrorResponse> api(ApiException e, HttpServletRequest request) {
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status());
    if (e.retryAfter() != null) {
      builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }
    return builder.body(ErrorResponse.of(e.code(), e.getMessage(), null, requestId(request)));
  }

  @ExceptionHandler(BindException.class)
  ResponseEntity<ErrorResponse> bind(BindException e, HttpServletRequest request) {
    List<ErrorResponse.FieldViolation> details =
        e.getFieldErrors().stream()
            .map(f -> new ErrorResponse.FieldViolation(f.getField(), fieldMessage(f.isBindingFailure(), f.getDefaultMessage())))
            .sorted(Comparator.comparing(ErrorResponse.FieldViolation::field))
            .toList();
    return validation("Request validation failed", details, request);
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ErrorResponse> methodValidation(HandlerMethodValidationException e, HttpServletRequest request) {
    List<ErrorResponse.FieldViolation> details =
        e.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                new ErrorResponse.FieldViolation(
                                    result.getMethodParameter().getParameterName() == null
                                        ? "parameter"
                                        : result.getMethodParameter().getParameterName(),
                                    String.valueOf(error.getDefaultMessage()))))
            .toList();
    return validation("Request validation failed", details, request);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ErrorResponse> constraint(ConstraintViolationException e, HttpServletRequest request) {
    List<ErrorResponse.FieldViolation> details =
        e.getConstraintViolations().stream()
            .map(v -> new ErrorResponse.FieldViolation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
            .toList();
    return validation("Request validation failed", details, request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    if (causedBy(e, BodySizeLimitFilter.BodyTooLargeException.class) != null) {
      return error(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large", request);
    }
    UnrecognizedPropertyException unknown = causedBy(e, UnrecognizedPropertyException.class);
    if (unknown != null) {
      return validation(
          "Unknown field '" + unknown.getPropertyName() + "'",
          List.of(new ErrorResponse.FieldViolation(unknown.getPropertyName(), "is not a known field")),
          request);
    }
    DatabindException mismatch = causedBy(e, DatabindException.class);
    if (mismatch != null && !mismatch.getPath().isEmpty()) {
      String field = mismatch.getPathReference().replaceAll(".*\\[\"?|\"?]$", "");
      return validation(
          "Field '" + field + "' has the wrong type or format",
          List.of(new ErrorResponse.FieldViolation(field, "has the wrong type or format")),
          request);
    }
    return validation("Malformed JSON request body", null, request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ErrorResponse> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return validation(
        "Parameter '" + e.getName() + "' has an invalid value",
        List.of(new ErrorResponse.FieldViolation(e.getName(), "has an invalid value")),
        request);
  }

  @ExceptionHandler(MissingRequestValueException.class)
  ResponseEntity<ErrorResponse> missing(MissingRequestValueException e, HttpServletRequest request) {
    return validation(e.getBody().getDetail() == null ? "A required value is missing" : e.getBody().getDetail(), null, request);
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<ErrorResponse> noHandler(Exception e, HttpServletRequest request) {
    return error(ErrorCode.RESOURCE_NOT_FOUND, "No resource at " + request.getRequestURI(), request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ErrorResponse> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    ResponseEntity<ErrorResponse> response =
        error(ErrorCode.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here", request);
    return ResponseEntity.status(response.getStatusCode())
        .headers(e.getHeaders())
        .body(response.getBody());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ErrorResponse> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return error(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content type must be application/json", request);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ErrorResponse> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
    return validation("This resource answers application/json only", null, request);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ErrorResponse> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
    return error(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large", request);
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

  static ResponseEntity<ErrorResponse> error(ErrorCode code, String message, HttpServletRequest request) {
    return ResponseEntity.status(code.status()).body(ErrorResponse.of(code, message, null, requestId(request)));
  }

  private static ResponseEntity<ErrorResponse> validation(
      String message, @Nullable List<ErrorResponse.FieldViolation> details, HttpServletRequest request) {
    return ResponseEntity.status(ErrorCode.VALIDATION_ERROR.status())
        .body(ErrorResponse.of(ErrorCode.VALIDATION_ERROR, message, details, requestId(request)));
  }

  private static @Nullable String requestId(HttpServletRequest request) {
    return ErrorResponseWriter.requestId(request);
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
