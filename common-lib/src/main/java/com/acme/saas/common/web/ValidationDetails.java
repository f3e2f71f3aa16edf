package com.acme.saas.common.web;

import jakarta.validation.ConstraintViolationException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names each validation failure as the client sent it: a query parameter or header by its
 * {@code @RequestParam} / {@code @RequestHeader} name, a field of a bound object or a body by its
 * path inside it ({@code pageSize}, {@code items[2].title}), a body's fields as in its JSON.
 */
final class ValidationDetails {

  private final JsonFieldPaths jsonFields;

  ValidationDetails(JsonMapper jsonMapper) {
    this.jsonFields = new JsonFieldPaths(jsonMapper);
  }

  List<ErrorResponse.FieldViolation> of(BindException e) {
    // A body's fields are named as in its JSON; query parameters bound to an object keep their
    // names.
    boolean body =
        e instanceof MethodArgumentNotValidException invalid
            && invalid.getParameter().hasParameterAnnotation(RequestBody.class);
    Class<?> jsonType = body && e.getTarget() != null ? e.getTarget().getClass() : null;
    return sorted(fieldViolations(jsonType, e.getFieldErrors()));
  }

  List<ErrorResponse.FieldViolation> of(HandlerMethodValidationException e) {
    List<ErrorResponse.FieldViolation> details = new ArrayList<>();
    for (ParameterValidationResult result : e.getParameterValidationResults()) {
      MethodParameter parameter = result.getMethodParameter();
      if (result instanceof ParameterErrors errors) {
        Object argument = errors.getArgument();
        Class<?> jsonType =
            !parameter.hasParameterAnnotation(RequestBody.class)
                ? null
                : argument == null ? parameter.getParameterType() : argument.getClass();
        details.addAll(fieldViolations(jsonType, errors.getFieldErrors()));
        for (ObjectError error : errors.getGlobalErrors()) {
          details.add(violation(requestName(parameter), error.getDefaultMessage()));
        }
      } else {
        for (MessageSourceResolvable error : result.getResolvableErrors()) {
          details.add(violation(requestName(parameter), error.getDefaultMessage()));
        }
      }
    }
    return sorted(details);
  }

  static List<ErrorResponse.FieldViolation> of(ConstraintViolationException e) {
    return e.getConstraintViolations().stream()
        .map(v -> violation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
        .toList();
  }

  /** The JSON path of a body failure as the client wrote it: {@code items[2].title}. */
  static String jsonPath(List<JacksonException.Reference> references) {
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
   * {@code jsonType}: the body whose JSON names the fields; {@code null} keeps the names as bound.
   */
  private List<ErrorResponse.FieldViolation> fieldViolations(
      @Nullable Class<?> jsonType, List<FieldError> errors) {
    return errors.stream()
        .map(
            f ->
                new ErrorResponse.FieldViolation(
                    jsonFields.of(jsonType, f.getField()),
                    // A binding failure's default message is a framework sentence naming Java
                    // types.
                    f.isBindingFailure() || f.getDefaultMessage() == null
                        ? "has an invalid value"
                        : f.getDefaultMessage()))
        .toList();
  }

  private static ErrorResponse.FieldViolation violation(String field, @Nullable String message) {
    return new ErrorResponse.FieldViolation(field, String.valueOf(message));
  }

  private static List<ErrorResponse.FieldViolation> sorted(
      List<ErrorResponse.FieldViolation> details) {
    return details.stream()
        .sorted(Comparator.comparing(ErrorResponse.FieldViolation::field))
        .toList();
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

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
