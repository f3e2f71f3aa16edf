/**
 * Accounts: registration, password hashing and policy, the admin seed, and the account's events.
 */
@NullMarked
package com.acme.saas.auth.accounts;

import org.jspecify.annotations.NullMarked;
