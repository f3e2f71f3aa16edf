/** Idempotent consumption: each event applied at most once, poison records dead-lettered. */
@NullMarked
package com.acme.saas.common.inbox;

import org.jspecify.annotations.NullMarked;
