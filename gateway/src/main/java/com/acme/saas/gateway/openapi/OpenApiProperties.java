package com.acme.saas.gateway.openapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merged OpenAPI document ({@code saas.openapi.*}).
 *
 * @param enabled serve {@code /api/v1/openapi.json} and {@code /docs} ({@code OPENAPI_ENABLED})
 * @param cacheTtl how long a complete merged document is served before the services are asked again
 * @param fetchTimeout how long each service's {@code /v3/api-docs} may take before its part is left
 *     out
 */
@ConfigurationProperties("saas.openapi")
public record OpenApiProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") Duration cacheTtl,
    @DefaultValue("3s") Duration fetchTimeout) {}
