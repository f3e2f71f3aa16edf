/** Forgetting a deleted user: its tasks and its plan, each through its own feature. */
@NullMarked
package com.acme.saas.task.erasure;

import org.jspecify.annotations.NullMarked;
