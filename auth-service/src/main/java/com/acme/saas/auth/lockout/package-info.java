/** The per-account lockout after failed password or second-factor attempts. */
@NullMarked
package com.acme.saas.auth.lockout;

import org.jspecify.annotations.NullMarked;
