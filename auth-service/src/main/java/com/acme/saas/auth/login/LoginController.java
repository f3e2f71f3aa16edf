package com.acme.saas.auth.login;

import com.acme.saas.common.openapi.ErrorResponses;
import com.acme.saas.common.web.ApiResponse;
import com.acme.saas.common.web.ErrorCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LoginController {

  /** No password rules here: an account keeps the password it registered with. */
  record LoginRequest(
      @NotBlank @Size(max = 254) @Schema(example = "ada@example.com") String email,
      @NotBlank @Size(max = 128) @Schema(example = "Correct-Horse-9") String password) {}

  private final Login login;

  LoginController(Login login) {
    this.login = login;
  }

  /** The session, or {@code {mfaRequired: true, challenge}} for POST /api/v1/auth/login/mfa. */
  @PostMapping("/api/v1/auth/login")
  @ErrorResponses({
    ErrorCode.INVALID_CREDENTIALS,
    ErrorCode.EMAIL_NOT_VERIFIED,
    ErrorCode.ACCOUNT_LOCKED
  })
  ApiResponse<?> login(@Valid @RequestBody LoginRequest request) {
    return ApiResponse.of(login.login(request.email(), request.password()));
  }
}
