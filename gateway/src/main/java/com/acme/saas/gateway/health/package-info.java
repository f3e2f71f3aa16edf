/**
 * The health answers of the public port; everything else of the actuator is on the management port.
 */
@NullMarked
package com.acme.saas.gateway.health;

import org.jspecify.annotations.NullMarked;
