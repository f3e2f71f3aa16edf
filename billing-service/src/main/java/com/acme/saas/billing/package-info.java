/**
 * billing-service: plans, Stripe Checkout and Customer Portal, signed webhooks and subscriptions.
 */
@NullMarked
package com.acme.saas.billing;

import org.jspecify.annotations.NullMarked;
