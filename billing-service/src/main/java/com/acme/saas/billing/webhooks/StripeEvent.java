package com.acme.saas.billing.webhooks;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A verified Stripe event, read from its own JSON rather than through stripe-java's model, so an
 * event of another API version than the pinned one is applied all the same.
 *
 * @param created when Stripe created the event (one-second resolution)
 * @param object {@code data.object}: the subscription, session, invoice or customer
 */
record StripeEvent(
    String id, String type, Instant created, @Nullable String apiVersion, JsonNode object) {}
