/** Access-token verification (shared with the gateway) and the services' resource-server setup. */
@NullMarked
package com.acme.saas.common.security;

import org.jspecify.annotations.NullMarked;
