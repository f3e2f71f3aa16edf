package com.acme.saas.flags.evaluation;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A flag as evaluation sees it: its targeting and its per-user overrides. Empty {@code roles} or
 * {@code plans} restrict nobody.
 */
public record FlagDefinition(
    String key,
    boolean enabled,
    int rolloutPercentage,
    Set<String> roles,
    Set<String> plans,
    Set<UUID> userIds,
    Map<UUID, Boolean> overrides) {

  public FlagDefinition {
    roles = Set.copyOf(roles);
    plans = Set.copyOf(plans);
    userIds = Set.copyOf(userIds);
    overrides = Map.copyOf(overrides);
  }
}
