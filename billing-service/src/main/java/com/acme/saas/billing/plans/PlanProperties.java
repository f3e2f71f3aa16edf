package com.acme.saas.billing.plans;

import com.acme.saas.common.events.SubscriptionChanged;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The catalogue ({@code billing.plans}), in the order it is listed. */
@ConfigurationProperties("billing")
@Validated
public record PlanProperties(@NotEmpty List<@Valid Plan> plans) {

  /** A paid plan without its Stripe price could be listed but never bought: refuse to start. */
  @AssertTrue(
      message =
          "every plan but free needs its Stripe price id (STRIPE_PRICE_PRO, STRIPE_PRICE_TEAM)")
  public boolean isEveryPaidPlanPriced() {
    return plans.stream()
        .allMatch(plan -> SubscriptionChanged.FREE.equals(plan.id()) || plan.isPaid());
  }
}
