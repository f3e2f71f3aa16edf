/**
 * Local subscription state, the effective-plan rule, and SubscriptionChanged when a user's plan or
 * status changes.
 */
@NullMarked
package com.acme.saas.billing.subscriptions;

import org.jspecify.annotations.NullMarked;
