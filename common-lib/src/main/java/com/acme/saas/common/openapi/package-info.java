/**
 * The suite's OpenAPI conventions, applied to the document springdoc generates from a service's
 * Spring MVC mappings: the envelopes, the error catalogue, bearer security on every route that is
 * not in {@code saas.security.public-paths}, and the error responses every operation can give.
 */
@NullMarked
package com.acme.saas.common.openapi;

import org.jspecify.annotations.NullMarked;
