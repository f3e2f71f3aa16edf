/** The Stripe API client: settings, timeouts, retries and the circuit breaker around every call. */
@NullMarked
package com.acme.saas.billing.stripe;

import org.jspecify.annotations.NullMarked;
