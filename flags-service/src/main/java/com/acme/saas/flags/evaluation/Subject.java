package com.acme.saas.flags.evaluation;

import java.util.UUID;

/** Whom a flag is evaluated for: the user's id, role and effective plan. */
public record Subject(UUID userId, String role, String plan) {}
