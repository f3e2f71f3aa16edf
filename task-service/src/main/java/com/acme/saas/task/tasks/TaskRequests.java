package com.acme.saas.task.tasks;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Request bodies of the tasks API. Neither names id, userId or a timestamp, and unknown fields are
 * rejected, so a client can never set them.
 */
final class TaskRequests {

  static final int TITLE_MAX = 200;
  static final int DESCRIPTION_MAX = 5000;

  private TaskRequests() {}

  /** POST /tasks. The title is trimmed before it is validated. */
  record NewTask(
      @NotBlank @Size(max = TITLE_MAX) @Schema(example = "Write the release notes") String title,
      @Nullable @Size(max = DESCRIPTION_MAX) @Schema(example = "For 1.4, before Friday's demo")
          String description,
      @Nullable Boolean completed,
      @Nullable @Schema(example = "2026-12-04") LocalDate dueDate) {

    NewTask {
      title = title == null ? null : title.strip();
    }
  }

  /**
   * PATCH /tasks/{id}: a field left out keeps its value; {@code description} or {@code dueDate}
   * sent as null clears it. {@code title} and {@code completed} cannot be null.
   */
  static final class TaskPatch {

    private final Set<String> present = new HashSet<>();

    @Size(min = 1, max = TITLE_MAX)
    private @Nullable String title;

    @Size(max = DESCRIPTION_MAX)
    private @Nullable String description;

    private @Nullable Boolean completed;
    private @Nullable LocalDate dueDate;

    @JsonProperty("title")
    void title(@Nullable String value) {
      present.add("title");
      title = value == null ? null : value.strip();
    }

    @JsonProperty("description")
    void description(@Nullable String value) {
      present.add("description");
      description = value;
    }

    @JsonProperty("completed")
    void completed(@Nullable Boolean value) {
      present.add("completed");
      completed = value;
    }

    @JsonProperty("dueDate")
    void dueDate(@Nullable LocalDate value) {
      present.add("dueDate");
      dueDate = value;
    }

    boolean has(String field) {
      return present.contains(field);
    }

    @Nullable String title() {
      return title;
    }

    @Nullable String description() {
      return description;
    }

    @Nullable Boolean completed() {
      return completed;
    }

    @Nullable LocalDate dueDate() {
      return dueDate;
    }
  }
}
