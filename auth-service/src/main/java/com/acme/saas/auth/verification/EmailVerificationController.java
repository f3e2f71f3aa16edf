package com.acme.saas.auth.verification;

import com.acme.saas.common.security.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/verify-email")
class EmailVerificationController {

  /** A string that is no token answers TOKEN_INVALID like any unknown one. */
  record VerifyEmailRequest(
      @NotBlank @Size(max = 128) @Schema(example = "Hc5tM2wQ8rV1kZ7pX4nL0bF6yD3gJ9sA2eU5iO8aT1q")
          String token) {}

  private final EmailVerification verification;

  EmailVerificationController(EmailVerification verification) {
    this.verification = verification;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void verify(@Valid @RequestBody VerifyEmailRequest request) {
    verification.verify(request.token());
  }

  @PostMapping("/resend")
  @ResponseStatus(HttpStatus.ACCEPTED)
  void resend(CurrentUser caller) {
    verification.resend(caller.id());
  }
}
