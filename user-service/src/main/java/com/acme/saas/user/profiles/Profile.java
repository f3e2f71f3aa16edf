package com.acme.saas.user.profiles;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code profiles}; it never leaves the service ({@link ProfileView} does). */
public record Profile(
    UUID id,
    String email,
    String name,
    String role,
    String plan,
    boolean emailVerified,
    Instant createdAt,
    Instant updatedAt) {}
