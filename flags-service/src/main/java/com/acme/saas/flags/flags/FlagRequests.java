package com.acme.saas.flags.flags;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Request bodies of the flags API; unknown fields are rejected, so a client never sets a timestamp.
 */
final class FlagRequests {

  static final String KEY_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";
  static final String ROLE_PATTERN = "USER|ADMIN";
  static final String PLAN_PATTERN = "free|pro|team";
  static final int DESCRIPTION_MAX = 500;
  static final int USER_IDS_MAX = 1000;

  private FlagRequests() {}

  /** POST /flags. Left-out {@code roles}, {@code plans} and {@code userIds} are empty. */
  record NewFlag(
      @NotNull @Pattern(regexp = KEY_PATTERN) @Schema(example = "new-dashboard") String key,
      @NotNull @Size(max = DESCRIPTION_MAX) @Schema(example = "The redesigned dashboard")
          String description,
      @NotNull Boolean enabled,
      @NotNull @Min(0) @Max(100) @Schema(example = "25") Integer rolloutPercentage,
      @Nullable Set<@NotNull @Pattern(regexp = ROLE_PATTERN) String> roles,
      @Nullable Set<@NotNull @Pattern(regexp = PLAN_PATTERN) String> plans,
      @Nullable @Size(max = USER_IDS_MAX) Set<@NotNull UUID> userIds) {

    NewFlag {
      roles = roles == null ? Set.of() : roles;
      plans = plans == null ? Set.of() : plans;
      userIds = userIds == null ? Set.of() : userIds;
    }
  }

  /** PATCH /flags/{key}: a field left out (or null) keeps its value; the key never changes. */
  record FlagPatch(
      @Nullable @Size(max = DESCRIPTION_MAX) String description,
      @Nullable Boolean enabled,
      @Nullable @Min(0) @Max(100) Integer rolloutPercentage,
      @Nullable Set<@NotNull @Pattern(regexp = ROLE_PATTERN) String> roles,
      @Nullable Set<@NotNull @Pattern(regexp = PLAN_PATTERN) String> plans,
      @Nullable @Size(max = USER_IDS_MAX) Set<@NotNull UUID> userIds) {}

  /** PUT /flags/{key}/overrides/{userId}. */
  record OverrideValue(@NotNull Boolean value) {}
}
