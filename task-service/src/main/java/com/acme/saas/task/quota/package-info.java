/** The task quota each user's plan allows, with the plan from SubscriptionChanged. */
@NullMarked
package com.acme.saas.task.quota;

import org.jspecify.annotations.NullMarked;
