/** Each user's plan, from SubscriptionChanged, as a targeting attribute. */
@NullMarked
package com.acme.saas.flags.plans;

import org.jspecify.annotations.NullMarked;
