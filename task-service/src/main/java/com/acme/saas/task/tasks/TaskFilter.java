package com.acme.saas.task.tasks;

import com.acme.saas.common.web.SearchText;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which tasks a list shows: one user's (or everyone's, for an admin without a userId filter),
 * optionally only completed or open ones, optionally those whose title or description contains
 * {@code q}, ignoring case.
 */
record TaskFilter(@Nullable UUID userId, @Nullable Boolean completed, @Nullable String q) {

  /** {@code q} as an ILIKE pattern whose own %, _ and \ match literally. */
  @Nullable String likePattern() {
    return SearchText.containsPattern(q);
  }
}
