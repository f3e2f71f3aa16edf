/** Logging in with email and password, and the second step when the account has TOTP on. */
@NullMarked
package com.acme.saas.auth.login;

import org.jspecify.annotations.NullMarked;
