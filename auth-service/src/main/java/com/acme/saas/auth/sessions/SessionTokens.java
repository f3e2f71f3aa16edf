package com.acme.saas.auth.sessions;

/** The tokens of a sign-in or a refresh, as the client receives them. */
public record SessionTokens(
    String accessToken, String refreshToken, String tokenType, long expiresIn) {

  static SessionTokens bearer(String accessToken, String refreshToken, long expiresIn) {
    return new SessionTokens(accessToken, refreshToken, "Bearer", expiresIn);
  }
}
