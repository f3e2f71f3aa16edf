/**
 * Evaluating flags for a caller: the in-memory snapshot, sticky rollout and the OFREP endpoints.
 */
@NullMarked
package com.acme.saas.flags.evaluation;

import org.jspecify.annotations.NullMarked;
