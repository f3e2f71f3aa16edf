/**
 * Accounts, the base every other feature stands on: the account table, password hashing and policy,
 * and the single-use tokens mailed to an account.
 */
@NullMarked
package com.acme.saas.auth.accounts;

import org.jspecify.annotations.NullMarked;
