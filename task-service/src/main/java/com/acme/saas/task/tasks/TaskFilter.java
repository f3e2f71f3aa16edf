package com.acme.saas.task.tasks;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which tasks a list shows: one user's (or everyone's, for an admin without a userId filter),
 * optionally only completed or open ones, optionally those whose title or description contains
 * {@code q}, ignoring case.
 */
record TaskFilter(@Nullable UUID userId, @Nullable Boolean completed, @Nullable String q) {

  TaskFilter {
    q = q == null || q.isBlank() ? null : q.strip();
  }

  /** {@code q} as an ILIKE pattern whose own %, _ and \ match literally. */
  @Nullable String likePattern() {
    return q == null ? null : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
