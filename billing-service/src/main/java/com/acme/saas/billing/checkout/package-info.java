/** Stripe Checkout and Customer Portal sessions for the caller. */
@NullMarked
package com.acme.saas.billing.checkout;

import org.jspecify.annotations.NullMarked;
