/** Request ids, logging and tracing defaults shared by every service and the gateway. */
@NullMarked
package com.acme.saas.common.observability;

import org.jspecify.annotations.NullMarked;
