package com.acme.saas.auth.sessions;

import com.acme.saas.common.openapi.ErrorResponses;
import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiResponse;
import com.acme.saas.common.web.ErrorCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Refresh, logout and logout-all. */
@RestController
@RequestMapping("/api/v1/auth")
class SessionController {

  /**
   * Body of refresh and logout. A string that is no refresh token answers TOKEN_INVALID like any
   * unknown one.
   */
  record RefreshTokenRequest(
      @NotBlank @Schema(example = "Vn8sK3qW1mZ6tR0pY4xL7cB2dH9fJ5gA3eU8iO1aS6w")
          String refreshToken) {}

  private final Sessions sessions;

  SessionController(Sessions sessions) {
    this.sessions = sessions;
  }

  @PostMapping("/refresh")
  @ErrorResponses({ErrorCode.TOKEN_INVALID})
  ApiResponse<SessionTokens> refresh(@Valid @RequestBody RefreshTokenRequest request) {
    return ApiResponse.of(sessions.refresh(request.refreshToken()));
  }

  @PostMapping("/logout")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void logout(CurrentUser caller, @Valid @RequestBody RefreshTokenRequest request) {
    sessions.logout(caller.id(), request.refreshToken());
  }

  @PostMapping("/logout-all")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void logoutAll(CurrentUser caller) {
    sessions.logoutAll(caller.id());
  }
}
