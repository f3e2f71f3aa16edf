package com.acme.saas.testsupport;

import java.util.UUID;

/** A user nobody else's test knows, and its access token. */
public record TestUser(UUID id, String token) {

  public static TestUser withRole(String role) {
    UUID id = UUID.randomUUID();
    return new TestUser(id, TestTokens.token(id, role, claims -> {}));
  }
}
