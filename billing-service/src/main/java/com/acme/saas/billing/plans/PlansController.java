package com.acme.saas.billing.plans;

import com.acme.saas.common.web.ApiResponse;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public catalogue: no token needed. */
@RestController
class PlansController {

  private final PlanCatalogue catalogue;

  PlansController(PlanCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GetMapping("/api/v1/billing/plans")
  ApiResponse<List<Plan>> plans() {
    return ApiResponse.of(catalogue.all());
  }
}
