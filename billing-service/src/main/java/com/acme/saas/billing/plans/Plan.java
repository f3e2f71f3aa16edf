package com.acme.saas.billing.plans;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

/**
 * One plan of the catalogue, as {@code GET /billing/plans} shows it.
 *
 * @param id free, pro or team: the plan name every service uses
 * @param priceId the Stripe price a subscription to it uses; none for the free plan
 * @param amount the price in the currency's smallest unit (cents)
 */
public record Plan(
    @NotBlank String id,
    @NotBlank String name,
    @Schema(types = {"string", "null"}) @Nullable String priceId,
    @PositiveOrZero long amount,
    @NotBlank String currency,
    @NotBlank String interval) {

  public boolean isPaid() {
    return priceId != null && !priceId.isBlank();
  }
}
