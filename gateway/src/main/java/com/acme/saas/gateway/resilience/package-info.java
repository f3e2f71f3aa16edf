/** Circuit breakers and timeouts per route. */
@NullMarked
package com.acme.saas.gateway.resilience;

import org.jspecify.annotations.NullMarked;
