package com.acme.saas.billing.checkout;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where Stripe's hosted pages send the customer back to ({@code billing.checkout.*}).
 *
 * @param successUrl after a paid checkout; Stripe replaces {@code {CHECKOUT_SESSION_ID}}
 * @param cancelUrl after a checkout the customer left
 * @param portalReturnUrl the Customer Portal's way back
 */
@ConfigurationProperties("billing.checkout")
@Validated
public record CheckoutProperties(
    @NotBlank String successUrl, @NotBlank String cancelUrl, @NotBlank String portalReturnUrl) {}
