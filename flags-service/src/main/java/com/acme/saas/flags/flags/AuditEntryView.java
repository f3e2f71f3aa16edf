package com.acme.saas.flags.flags;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One change of a flag: who ({@code actorId}, or the erasure marker), when, what kind, and the
 * flag's settings (or the override) before and after; {@code before} is null for a creation, {@code
 * after} for a deletion.
 */
record AuditEntryView(
    Instant at,
    String actorId,
    String action,
    @Nullable JsonNode before,
    @Nullable JsonNode after) {}
