package com.acme.saas.billing.checkout;

import com.acme.saas.billing.checkout.CheckoutService.CheckoutSession;
import com.acme.saas.billing.checkout.CheckoutService.PortalSession;
import com.acme.saas.common.openapi.ErrorResponses;
import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiResponse;
import com.acme.saas.common.web.ErrorCode;
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
@RequestMapping("/api/v1/billing")
class CheckoutController {

  private final CheckoutService service;

  CheckoutController(CheckoutService service) {
    this.service = service;
  }

  @PostMapping("/checkout-session")
  @ErrorResponses({ErrorCode.CONFLICT})
  @ResponseStatus(HttpStatus.CREATED)
  ApiResponse<CheckoutSession> checkout(CurrentUser user, @Valid @RequestBody NewCheckout request) {
    return ApiResponse.of(service.checkout(user, request.plan()));
  }

  @PostMapping("/portal-session")
  @ErrorResponses({ErrorCode.CONFLICT})
  @ResponseStatus(HttpStatus.CREATED)
  ApiResponse<PortalSession> portal(CurrentUser user) {
    return ApiResponse.of(service.portal(user));
  }

  /** POST /billing/checkout-session: the paid plan to buy. */
  record NewCheckout(@NotBlank @Size(max = 32) @Schema(example = "pro") String plan) {}
}
