/**
 * Stripe webhook intake: signature check, deduplication by event id, and each handled event type's
 * effect.
 */
@NullMarked
package com.acme.saas.billing.webhooks;

import org.jspecify.annotations.NullMarked;
