package com.acme.saas.auth.mfa;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Enrolment, confirmation and removal of the caller's TOTP factor. */
@RestController
@RequestMapping("/api/v1/auth/mfa/totp")
class TotpController {

  record ConfirmRequest(
      @NotBlank
          @Pattern(regexp = "\\d{6}", message = "must be the app's 6-digit code")
          @Schema(example = "492039")
          String code) {}

  /** {@code code}: the app's current code or a recovery code. */
  record DisableRequest(
      @NotBlank @Size(max = 128) @Schema(example = "Correct-Horse-9") String password,
      @NotBlank @Size(max = 64) @Schema(example = "492039") String code) {}

  private final TotpEnrolment enrolment;

  TotpController(TotpEnrolment enrolment) {
    this.enrolment = enrolment;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ApiResponse<TotpEnrolment.Started> start(CurrentUser caller) {
    return ApiResponse.of(enrolment.start(caller.id()));
  }

  @PostMapping("/confirm")
  ApiResponse<TotpEnrolment.Confirmed> confirm(
      CurrentUser caller, @Valid @RequestBody ConfirmRequest request) {
    return ApiResponse.of(enrolment.confirm(caller.id(), request.code()));
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void disable(CurrentUser caller, @Valid @RequestBody DisableRequest request) {
    enrolment.disable(caller.id(), request.password(), request.code());
  }
}
