/** Suite events on the test broker, for the services' tests. */
@NullMarked
package com.acme.saas.testevents;

import org.jspecify.annotations.NullMarked;
