package com.acme.saas.task.tasks;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A task as the API shows it. */
record TaskView(
    UUID id,
    UUID userId,
    String title,
    @Schema(types = {"string", "null"}) @Nullable String description,
    boolean completed,
    @Schema(
            types = {"string", "null"},
            format = "date")
        @Nullable LocalDate dueDate,
    Instant createdAt,
    Instant updatedAt) {

  static TaskView of(Task task) {
    return new TaskView(
        task.id(),
        task.userId(),
        task.title(),
        task.description(),
        task.completed(),
        task.dueDate(),
        task.createdAt(),
        task.updatedAt());
  }
}
