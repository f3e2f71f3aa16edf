package com.acme.saas.auth.passwords;

import com.acme.saas.auth.accounts.StrongPassword;
import com.acme.saas.common.security.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Password reset (forgotten) and change (signed in). */
@RestController
@RequestMapping("/api/v1/auth")
class PasswordController {

  /**
   * No email syntax rule: any string answers 202 alike, and only a registered address gets mail.
   */
  record ResetRequest(
      @NotBlank @Size(max = 254) @Schema(example = "ada@example.com") String email) {}

  record ResetConfirmation(
      @NotBlank @Size(max = 128) @Schema(example = "Zr3vY8kQ1pW6mT0sL4nB7xC2dF9gH5jK3aE8uI1oP6q")
          String token,
      @StrongPassword @Nullable @Schema(example = "Battery-Staple-7") String newPassword) {}

  /** {@code refreshToken}, when given, is the caller's own session, which stays signed in. */
  record PasswordChangeRequest(
      @NotBlank @Size(max = 128) @Schema(example = "Correct-Horse-9") String currentPassword,
      @StrongPassword @Nullable @Schema(example = "Battery-Staple-7") String newPassword,
      @Size(max = 128) @Nullable String refreshToken) {}

  private final PasswordReset reset;
  private final PasswordChange change;

  PasswordController(PasswordReset reset, PasswordChange change) {
    this.reset = reset;
    this.change = change;
  }

  @PostMapping("/password-reset")
  @ResponseStatus(HttpStatus.ACCEPTED)
  void requestReset(@Valid @RequestBody ResetRequest request) {
    reset.request(request.email());
  }

  @PostMapping("/password-reset/confirm")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void confirmReset(@Valid @RequestBody ResetConfirmation request) {
    reset.confirm(request.token(), request.newPassword());
  }

  @PostMapping("/password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void change(CurrentUser caller, @Valid @RequestBody PasswordChangeRequest request) {
    change.change(
        caller.id(), request.currentPassword(), request.newPassword(), request.refreshToken());
  }
}
