/** Access-token verification (cached until expiry) and the role table. */
@NullMarked
package com.acme.saas.gateway.auth;

import org.jspecify.annotations.NullMarked;
