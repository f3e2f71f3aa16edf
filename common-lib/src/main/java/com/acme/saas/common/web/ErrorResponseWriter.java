package com.acme.saas.common.web;

import com.acme.saas.common.observability.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes the error envelope where no controller advice reaches: filters and security handlers. */
public final class ErrorResponseWriter {

  private final JsonMapper jsonMapper;

  public ErrorResponseWriter(JsonMapper jsonMapper) {
    this.jsonMapper = jsonMapper;
  }

  public void write(
      HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
      throws IOException {
    write(request, response, code, message, null);
  }

  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      ErrorCode code,
      String message,
      @Nullable List<ErrorResponse.FieldViolation> details)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(code.status().value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    jsonMapper.writeValue(
        response.getOutputStream(), ErrorResponse.of(code, message, details, requestId(request)));
  }

  public static @Nullable String requestId(HttpServletRequest request) {
    return request.getAttribute(RequestIds.MDC_KEY) instanceof String id ? id : null;
  }
}
