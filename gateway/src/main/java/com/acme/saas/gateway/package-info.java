/**
 * The API gateway: one public entry that verifies tokens, enforces roles and limits, and routes to
 * the services.
 */
@NullMarked
package com.acme.saas.gateway;

import org.jspecify.annotations.NullMarked;
