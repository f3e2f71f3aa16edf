package com.acme.saas.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/v1/openapi.json}: the merged document ({@code X-OpenAPI-Missing} names the
 * services left out, if any); {@code GET /docs}: Swagger UI on it, its files from the webjar.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "saas.openapi.enabled", matchIfMissing = true)
class OpenApiRoutes {

  static final String DOCUMENT_PATH = "/api/v1/openapi.json";
  static final String DOCS_PATH = "/docs";
  static final String MISSING_HEADER = "X-OpenAPI-Missing";

  @Bean
  MergedOpenApi mergedOpenApi(Environment environment, OpenApiProperties properties) {
    Map<String, URI> services =
        Binder.get(environment)
            .bind("saas.gateway.services", Bindable.mapOf(String.class, URI.class))
            .orElse(Map.of());
    return new MergedOpenApi(WebClient.create(), services, properties);
  }

  @Bean
  RouterFunction<ServerResponse> openApiDocumentRoutes(MergedOpenApi merged) {
    ClassPathResource swaggerUi =
        new ClassPathResource("META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/");
    return RouterFunctions.route()
        .GET(
            DOCUMENT_PATH,
            request ->
                merged
                    .document()
                    .flatMap(
                        document -> {
                          ServerResponse.BodyBuilder response =
                              ServerResponse.ok().contentType(MediaType.APPLICATION_JSON);
                          if (!document.missing().isEmpty()) {
                            response.header(MISSING_HEADER, String.join(",", document.missing()));
                          }
                          return response.bodyValue(document.document().toString());
                        }))
        .GET(
            DOCS_PATH,
            request ->
                ServerResponse.ok()
                    .contentType(MediaType.TEXT_HTML)
                    .bodyValue(new ClassPathResource("openapi/docs.html")))
        .GET(
            DOCS_PATH + "/swagger-initializer.js",
            request ->
                ServerResponse.ok()
                    .contentType(MediaType.valueOf("text/javascript"))
                    .bodyValue(new ClassPathResource("openapi/swagger-initializer.js")))
        .add(RouterFunctions.resources(DOCS_PATH + "/**", swaggerUi))
        .build();
  }

  /** The webjar's version, from its Maven metadata, so that only the root pom names it. */
  private static String swaggerUiVersion() {
    try (InputStream in =
        new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties")
            .getInputStream()) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("The swagger-ui webjar is not on the class path", e);
    }
  }
}
