package com.acme.saas.billing.plans;

import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.common.web.ApiException;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The plans on sale and the Stripe price of each; a price maps back to its plan. */
@Component
@EnableConfigurationProperties(PlanProperties.class)
public class PlanCatalogue {

  private final List<Plan> plans;

  PlanCatalogue(PlanProperties properties) {
    this.plans = List.copyOf(properties.plans());
  }

  public List<Plan> all() {
    return plans;
  }

  /**
   * The paid plan a checkout may buy.
   *
   * @throws ApiException VALIDATION_ERROR for the free plan or a plan that does not exist
   */
  public Plan purchasable(String id) {
    return plans.stream()
        .filter(plan -> plan.id().equals(id) && plan.isPaid())
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.validation(
                    "plan must be one of " + paidPlanIds() + ", not '" + id + "'"));
  }

  /**
   * The plan whose Stripe price this is; a price we do not sell (made in the Dashboard) is free.
   */
  public String planOfPrice(String priceId) {
    return plans.stream()
        .filter(plan -> priceId.equals(plan.priceId()))
        .map(Plan::id)
        .findFirst()
        .orElse(SubscriptionChanged.FREE);
  }

  private List<String> paidPlanIds() {
    return plans.stream().filter(Plan::isPaid).map(Plan::id).toList();
  }
}
