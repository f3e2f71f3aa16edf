package com.acme.saas.auth.accounts;

import java.time.Instant;
import java.util.UUID;

/** The {@code user} object of the auth responses; never the password hash. */
public record AccountView(UUID id, String email, String name, String role, Instant createdAt) {

  public static AccountView of(Account account) {
    return new AccountView(
        account.id(), account.email(), account.name(), account.role(), account.createdAt());
  }
}
