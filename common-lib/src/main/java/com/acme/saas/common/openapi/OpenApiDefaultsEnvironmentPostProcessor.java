package com.acme.saas.common.openapi;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * springdoc's settings as the suite uses them, with the lowest precedence. {@code
 * saas.openapi.enabled} ({@code OPENAPI_ENABLED}) switches a service's {@code /v3/api-docs} and the
 * gateway's merged document and {@code /docs} on or off together.
 */
public class OpenApiDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String SOURCE_NAME = "saasOpenApiDefaults";

  private static final Map<String, Object> DEFAULTS =
      Map.of(
          "saas.openapi.enabled", "${OPENAPI_ENABLED:true}",
          "springdoc.api-docs.enabled", "${saas.openapi.enabled}",
          "springdoc.api-docs.version", "openapi_3_1",
          // Every answer of the suite is JSON; springdoc would write */* otherwise.
          "springdoc.default-produces-media-type", "application/json",
          "springdoc.default-consumes-media-type", "application/json",
          // A query object such as PageQuery is documented as its fields (page, pageSize).
          "springdoc.default-flat-param-object", "true",
          // The error responses come from OpenApiConventions, per route, not from every
          // @ExceptionHandler on every operation.
          "springdoc.override-with-generic-response", "false",
          // The envelope's error controller is no route of the API.
          "springdoc.paths-to-exclude", "/error");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
  }
}
