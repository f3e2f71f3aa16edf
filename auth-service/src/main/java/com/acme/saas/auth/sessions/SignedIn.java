package com.acme.saas.auth.sessions;

import com.acme.saas.auth.accounts.AccountView;

/** The answer to register and login: the user and its first tokens. */
public record SignedIn(
    AccountView user, String accessToken, String refreshToken, String tokenType, long expiresIn) {

  static SignedIn of(AccountView user, SessionTokens tokens) {
    return new SignedIn(
        user, tokens.accessToken(), tokens.refreshToken(), tokens.tokenType(), tokens.expiresIn());
  }
}
