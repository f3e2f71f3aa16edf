/** Each user's Stripe customer, created once and mapped both ways. */
@NullMarked
package com.acme.saas.billing.customers;

import org.jspecify.annotations.NullMarked;
