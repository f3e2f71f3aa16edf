package com.acme.saas.user.profiles;

import java.time.Instant;
import java.util.UUID;

/** A user's profile as the API shows it. */
public record ProfileView(
    UUID id,
    String email,
    String name,
    String role,
    String plan,
    boolean emailVerified,
    Instant createdAt,
    Instant updatedAt) {

  public static ProfileView of(Profile profile) {
    return new ProfileView(
        profile.id(),
        profile.email(),
        profile.name(),
        profile.role(),
        profile.plan(),
        profile.emailVerified(),
        profile.createdAt(),
        profile.updatedAt());
  }
}
