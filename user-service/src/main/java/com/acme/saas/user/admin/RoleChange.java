package com.acme.saas.user.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** PATCH /users/{id}: the new role; unknown fields are rejected. */
record RoleChange(
    @NotNull
        @Pattern(regexp = "USER|ADMIN", message = "must be USER or ADMIN")
        @Schema(example = "ADMIN")
        String role) {}
