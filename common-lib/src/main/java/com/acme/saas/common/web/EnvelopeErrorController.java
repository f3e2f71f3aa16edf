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
    ErrorCode errorCode = ErrorCode.forStatus(code);
    String message =
        errorCode == ErrorCode.INTERNAL_ERROR ? "An unexpected error occurred" : "Request failed";
    return GlobalErrorHandler.error(errorCode, message, request);
  }
}
