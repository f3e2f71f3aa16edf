/** Forgetting a deleted user: its overrides and plan. */
@NullMarked
package com.acme.saas.flags.erasure;

import org.jspecify.annotations.NullMarked;
