/** Test backends and the route table of API.md. */
@NullMarked
package com.acme.saas.gateway.support;

import org.jspecify.annotations.NullMarked;
