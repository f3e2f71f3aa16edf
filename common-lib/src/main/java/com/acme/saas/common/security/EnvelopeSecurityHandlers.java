package com.acme.saas.common.security;

import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.common.web.ErrorResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers authentication and authorization failures in the envelope with catalogued codes. */
final class EnvelopeSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ErrorResponseWriter errors;

  EnvelopeSecurityHandlers(ErrorResponseWriter errors) {
    this.errors = errors;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    TokenRejectedException rejected = rejection(failure);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    if (rejected != null) {
      errors.write(request, response, rejected.code(), rejected.getMessage());
    } else if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      errors.write(request, response, ErrorCode.TOKEN_MISSING, "A bearer token is required");
    } else {
      errors.write(request, response, ErrorCode.TOKEN_INVALID, "Token is invalid");
    }
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    errors.write(
        request,
        response,
        ErrorCode.INSUFFICIENT_PERMISSIONS,
        "Your role may not use this resource");
  }

  private static TokenRejectedException rejection(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TokenRejectedException rejected) {
        return rejected;
      }
    }
    return null;
  }
}
