package com.acme.saas.common.security;

import java.util.UUID;

/**
 * The authenticated caller, taken from the verified access token (never from headers). Declare it
 * as a controller method parameter to receive it.
 */
public record CurrentUser(UUID id, String role, String email) {

  public boolean isAdmin() {
    return Roles.ADMIN.equals(role);
  }
}
