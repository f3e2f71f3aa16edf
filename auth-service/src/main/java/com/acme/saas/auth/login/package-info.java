/** Logging in with email and password, and the per-account lockout after failed attempts. */
@NullMarked
package com.acme.saas.auth.login;

import org.jspecify.annotations.NullMarked;
