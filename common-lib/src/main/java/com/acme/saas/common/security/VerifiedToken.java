package com.acme.saas.common.security;

import java.time.Instant;
import java.util.UUID;

/** What a verified access token says about its bearer. */
public record VerifiedToken(
    UUID userId, String role, String email, String tokenId, Instant issuedAt, Instant expiresAt) {

  public boolean isAdmin() {
    return Roles.ADMIN.equals(role);
  }
}
