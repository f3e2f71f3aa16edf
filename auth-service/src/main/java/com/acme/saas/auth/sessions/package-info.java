/** Sessions: refresh tokens in rotating families with reuse detection, logout, and their purge. */
@NullMarked
package com.acme.saas.auth.sessions;

import org.jspecify.annotations.NullMarked;
