package com.acme.saas.common.web;

import org.jspecify.annotations.Nullable;

/** The {@code q} filter of list endpoints: a case-insensitive substring, matched with ILIKE. */
public final class SearchText {

  private SearchText() {}

  /**
   * {@code q} as a pattern for {@code ilike :pattern escape '\'} that matches it anywhere, its own
   * {@code %}, {@code _} and {@code \} literally; {@code null} (no filter) when {@code q} is blank.
   * A NUL character is refused (400): PostgreSQL text cannot hold one, the query would fail.
   */
  public static @Nullable String containsPattern(@Nullable String q) {
    if (q != null && q.indexOf('\u0000') >= 0) {
      throw ApiException.validation("Parameter 'q' must not contain a NUL character");
    }
    return q == null || q.isBlank()
        ? null
        : "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
