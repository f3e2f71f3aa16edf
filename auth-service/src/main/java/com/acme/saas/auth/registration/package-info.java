/** Creating accounts: sign-up (with its first session and verification mail) and the admin seed. */
@NullMarked
package com.acme.saas.auth.registration;

import org.jspecify.annotations.NullMarked;
