package com.acme.saas.common.security;

import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.common.web.ErrorResponse;
import com.acme.saas.common.web.ErrorResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Method-security failures raised inside controllers ({@code @PreAuthorize}). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityErrorAdvice {

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ErrorResponse> denied(AccessDeniedException e, HttpServletRequest request) {
    return respond(
        ErrorCode.INSUFFICIENT_PERMISSIONS, "Your role may not use this resource", request);
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ErrorResponse> unauthenticated(
      AuthenticationException e, HttpServletRequest request) {
    return respond(ErrorCode.TOKEN_INVALID, "Token is invalid", request);
  }

  private static ResponseEntity<ErrorResponse> respond(
      ErrorCode code, String message, HttpServletRequest request) {
    return ResponseEntity.status(code.status())
        .body(ErrorResponse.of(code, message, null, ErrorResponseWriter.requestId(request)));
  }
}
