/** Durable work queues in a service's own tables, retried until done. */
@NullMarked
package com.acme.saas.common.queue;

import org.jspecify.annotations.NullMarked;
