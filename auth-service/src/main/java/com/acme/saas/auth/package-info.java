/** auth-service: accounts, login, sessions and the keys that sign access tokens. */
@NullMarked
package com.acme.saas.auth;

import org.jspecify.annotations.NullMarked;
