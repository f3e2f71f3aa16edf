package com.acme.saas.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's default {@code /error} page so that failures outside controllers (a
 * filter, the container) still answer in the envelope with a catalogued code.
 */
@RestController
public class EnvelopeErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i ? i : 500;
    ErrorCode errorCode =
        switch (code) {
          case 400 -> ErrorCode.VALIDATION_ERROR;
          case 401 -> ErrorCode.TOKEN_INVALID;
          case 403 -> ErrorCode.INSUFFICIENT_PERMISSIONS;
          case 404 -> ErrorCode.RESOURCE_NOT_FOUND;
          case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
          case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
          case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
          case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
          default -> ErrorCode.INTERNAL_ERROR;
        };
    String message = errorCode == ErrorCode.INTERNAL_ERROR ? "An unexpected error occurred" : "Request failed";
    return GlobalErrorHandler.error(errorCode, message, request);
  }
}
