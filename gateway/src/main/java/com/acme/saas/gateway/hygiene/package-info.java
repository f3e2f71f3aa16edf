/** Request ids, security headers, body limits, header hygiene and the access log. */
@NullMarked
package com.acme.saas.gateway.hygiene;

import org.jspecify.annotations.NullMarked;
