package com.acme.saas.billing.subscriptions;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SubscriptionController {

  private final Subscriptions subscriptions;

  SubscriptionController(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  @GetMapping("/api/v1/billing/subscription")
  ApiResponse<SubscriptionView> subscription(CurrentUser user) {
    return ApiResponse.of(subscriptions.current(user.id()));
  }
}
