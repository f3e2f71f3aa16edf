package com.acme.saas.auth.mfa;

import com.acme.saas.auth.sessions.SignedIn;
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
class LoginMfaController {

  /** {@code code}: the app's current code or a recovery code. */
  record LoginMfaRequest(
      @NotBlank @Size(max = 64) @Schema(example = "q7Xk2mR9vT4pL8sN1cY6wE3bH5jD0fGaZuIoPlKjHgF")
          String challenge,
      @NotBlank @Size(max = 64) @Schema(example = "492039") String code) {}

  private final LoginChallenges challenges;

  LoginMfaController(LoginChallenges challenges) {
    this.challenges = challenges;
  }

  @PostMapping("/api/v1/auth/login/mfa")
  @ErrorResponses({
    ErrorCode.INVALID_CREDENTIALS,
    ErrorCode.TOKEN_INVALID,
    ErrorCode.ACCOUNT_LOCKED
  })
  ApiResponse<SignedIn> complete(@Valid @RequestBody LoginMfaRequest request) {
    return ApiResponse.of(challenges.complete(request.challenge(), request.code()));
  }
}
