/** Redis rate limits shared by every gateway replica. */
@NullMarked
package com.acme.saas.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
