package com.acme.saas.common.security;

import com.acme.saas.common.web.ErrorCode;

/** An access token that failed verification, with the catalogued code to answer. */
public class TokenRejectedException extends RuntimeException {

  private final ErrorCode code;

  public TokenRejectedException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  static TokenRejectedException invalid(String message) {
    return new TokenRejectedException(ErrorCode.TOKEN_INVALID, message);
  }
}
