/**
 * The token signing keys: their rotation, sealing at rest, the JWKS and the access tokens they
 * sign.
 */
@NullMarked
package com.acme.saas.auth.signing;

import org.jspecify.annotations.NullMarked;
