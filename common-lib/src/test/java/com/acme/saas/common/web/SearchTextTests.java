package com.acme.saas.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchTextTests {

  @Test
  void matchesTheTextAnywhereWithItsWildcardsTakenLiterally() {
    assertThat(SearchText.containsPattern(" 50%_off\\ ")).isEqualTo("%50\\%\\_off\\\\%");
    assertThat(SearchText.containsPattern("  ")).isNull();
    assertThat(SearchText.containsPattern(null)).isNull();
  }

  @Test
  void aNulCharacterIsAValidationErrorNotAFailedQuery() {
    // PostgreSQL refuses U+0000 in text parameters: the list query would fail with a 500.
    assertThatThrownBy(() -> SearchText.containsPattern("a\u0000b"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR))
        .hasMessageContaining("'q'");
  }
}
