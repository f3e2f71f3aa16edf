package com.acme.saas.flags.flags;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A flag as the API shows it: its settings (at the top level of the JSON), its overrides and its
 * timestamps. Lists are sorted, so equal flags look equal.
 */
record FlagView(
    @JsonUnwrapped FlagSettings settings,
    List<OverrideView> overrides,
    Instant createdAt,
    Instant updatedAt) {

  String key() {
    return settings.key();
  }

  /** What a flag is, and what the audit trail records of it: no timestamps, no overrides. */
  record FlagSettings(
      String key,
      String description,
      boolean enabled,
      int rolloutPercentage,
      List<String> roles,
      List<String> plans,
      List<UUID> userIds) {}

  /** One user's override of a flag. */
  record OverrideView(UUID userId, boolean value) {}
}
