package com.acme.saas.user.profiles;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request bodies of the profile API; unknown fields are rejected. */
final class ProfileRequests {

  private ProfileRequests() {}

  /** PATCH /users/me: the name only, trimmed before it is validated. */
  record Rename(
      @NotBlank @Size(max = ProfileService.NAME_MAX) @Schema(example = "Ada King") String name) {

    Rename {
      name = name == null ? null : name.strip();
    }
  }
}
