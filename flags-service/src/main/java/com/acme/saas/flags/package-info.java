/** flags-service: feature flags, their targeting and rollout, evaluated over HTTP and OFREP. */
@NullMarked
package com.acme.saas.flags;

import org.jspecify.annotations.NullMarked;
