/** Forgetting a deleted user: each feature is asked to drop what it holds of the user. */
@NullMarked
package com.acme.saas.auth.erasure;

import org.jspecify.annotations.NullMarked;
