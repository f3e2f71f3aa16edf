package com.acme.saas.auth.registration;

import com.acme.saas.auth.accounts.StrongPassword;
import com.acme.saas.auth.sessions.SignedIn;
import com.acme.saas.common.openapi.ErrorResponses;
import com.acme.saas.common.web.ApiResponse;
import com.acme.saas.common.web.ErrorCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RegistrationController {

  /** Email and name are trimmed before they are validated. */
  record RegisterRequest(
      @NotBlank @Email @Size(max = 254) @Nullable @Schema(example = "ada@example.com") String email,
      @StrongPassword @Nullable @Schema(example = "Correct-Horse-9") String password,
      @NotBlank @Size(max = 100) @Nullable @Schema(example = "Ada Lovelace") String name) {

    RegisterRequest {
      email = email == null ? null : email.strip();
      name = name == null ? null : name.strip();
    }
  }

  private final Registration registration;

  RegistrationController(Registration registration) {
    this.registration = registration;
  }

  @PostMapping("/api/v1/auth/register")
  @ErrorResponses({ErrorCode.EMAIL_ALREADY_EXISTS})
  @ResponseStatus(HttpStatus.CREATED)
  ApiResponse<SignedIn> register(@Valid @RequestBody RegisterRequest request) {
    return ApiResponse.of(
        registration.register(request.email(), request.password(), request.name()));
  }
}
