package com.acme.saas.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Error envelope: {@code {"error": {"code", "message", "details"?, "requestId"}}}. */
public record ErrorResponse(Body error) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Body(
      String code,
      String message,
      @Nullable List<FieldViolation> details,
      @Nullable String requestId) {}

  public record FieldViolation(String field, String message) {}

  public static ErrorResponse of(
      ErrorCode code,
      String message,
      @Nullable List<FieldViolation> details,
      @Nullable String requestId) {
    return new ErrorResponse(new Body(code.name(), message, details, requestId));
  }
}
