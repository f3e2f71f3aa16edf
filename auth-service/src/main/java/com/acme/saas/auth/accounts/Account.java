package com.acme.saas.auth.accounts;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A user's credentials and the identity its tokens carry. */
public record Account(
    UUID id, String email, String name, String role, String passwordHash, Instant createdAt) {

  /** What uniqueness and login compare: trimmed and lower-cased. */
  public static String normalizeEmail(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
