/**
 * The suite's OpenAPI document: the services' documents merged into one, with the paths as the
 * gateway serves them ({@code GET /api/v1/openapi.json}), and Swagger UI on it ({@code /docs}).
 * {@code saas.openapi.enabled=false} ({@code OPENAPI_ENABLED}) turns both off.
 */
@NullMarked
package com.acme.saas.gateway.openapi;

import org.jspecify.annotations.NullMarked;
