package com.acme.saas.task.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code tasks}; it never leaves the service ({@link TaskView} does). */
record Task(
    UUID id,
    UUID userId,
    String title,
    @Nullable String description,
    boolean completed,
    @Nullable LocalDate dueDate,
    Instant createdAt,
    Instant updatedAt) {

  boolean ownedBy(UUID user) {
    return userId.equals(user);
  }
}
