/** The plan catalogue (free, pro, team) from configuration, and its public listing. */
@NullMarked
package com.acme.saas.billing.plans;

import org.jspecify.annotations.NullMarked;
