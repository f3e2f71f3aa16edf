/** Tasks: the tasks API, the plan quota, and erasure of deleted users. */
@NullMarked
package com.acme.saas.task;

import org.jspecify.annotations.NullMarked;
