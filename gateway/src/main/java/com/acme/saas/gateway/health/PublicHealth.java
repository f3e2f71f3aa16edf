package com.acme.saas.gateway.health;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * API.md keeps {@code /actuator/health} public, and orchestrators probe liveness and readiness on
 * the port they route to; but the actuator runs on the management port so that metrics never reach
 * the public one. These three paths answer on the public port from the same health endpoint, with
 * the same status codes and body. Boot's own additional health paths take a single path segment
 * only, so they cannot keep these paths.
 */
@Configuration(proxyBeanMethods = false)
class PublicHealth {

  @Bean
  RouterFunction<ServerResponse> publicHealthRoutes(ReactiveHealthEndpointWebExtension health) {
    return RouterFunctions.route()
        .GET(
            "/actuator/health",
            request ->
                answer(
                    health.health(
                        ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE)))
        .GET("/actuator/health/liveness", request -> answer(group(health, "liveness")))
        .GET("/actuator/health/readiness", request -> answer(group(health, "readiness")))
        .build();
  }

  private static Mono<WebEndpointResponse<? extends HealthDescriptor>> group(
      ReactiveHealthEndpointWebExtension health, String name) {
    return health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, name);
  }

  private static Mono<ServerResponse> answer(
      Mono<WebEndpointResponse<? extends HealthDescriptor>> health) {
    return health.flatMap(
        response -> {
          ServerResponse.BodyBuilder builder = ServerResponse.status(response.getStatus());
          HealthDescriptor body = response.getBody();
          return body == null
              ? builder.build()
              : builder.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        });
  }
}
