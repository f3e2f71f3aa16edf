/** Erasure of a deleted user: local rows at once, and a durable, retried cancellation at Stripe. */
@NullMarked
package com.acme.saas.billing.erasure;

import org.jspecify.annotations.NullMarked;
