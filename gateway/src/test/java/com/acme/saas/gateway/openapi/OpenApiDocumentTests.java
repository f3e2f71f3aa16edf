package com.acme.saas.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.JsonServer;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.sun.net.httpserver.HttpServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The merged document from services that answer their {@code /v3/api-docs}, with the part of a
 * service that is down left out and named; Swagger UI at {@code /docs}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OpenApiDocumentTests {

  static final HttpServer AUTH =
      documentServer(
          """
      {"openapi":"3.1.0","paths":{"/api/v1/auth/login":{"post":{"operationId":"show","responses":{"200":{"description":"ok",
        "content":{"application/json":{"schema":{"$ref":"#/components/schemas/View"}}}}}}}},
       "components":{"schemas":{"View":{"type":"object","properties":{"token":{"type":"string"}}},
         "ErrorResponse":{"type":"object"}},
        "securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}}}""");
  static final HttpServer USERS =
      documentServer(
          """
      {"openapi":"3.1.0","paths":{"/api/v1/users/me":{"get":{"operationId":"show","responses":{"200":{"description":"ok",
        "content":{"application/json":{"schema":{"$ref":"#/components/schemas/View"}}}}}}}},
       "components":{"schemas":{"View":{"type":"object","properties":{"email":{"type":"string"}}},
         "ErrorResponse":{"type":"object"}}}}""");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    registry.add("saas.gateway.services.auth", () -> url(AUTH));
    registry.add("saas.gateway.services.users", () -> url(USERS));
    // Nothing listens on port 9 of loopback: these services are down.
    registry.add("saas.gateway.services.tasks", () -> "http://127.0.0.1:9");
    registry.add("saas.gateway.services.billing", () -> "http://127.0.0.1:9");
    registry.add("saas.gateway.services.flags", () -> "http://127.0.0.1:9");
    registry.add("saas.gateway.rate-limit.key-prefix", () -> "rl-test-" + UUID.randomUUID() + ":");
  }

  @Test
  void mergesTheServicesDocumentsAndNamesTheServicesThatAreDown() {
    HttpApi.Response response = HttpApi.local(port).get("/api/v1/openapi.json", null);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("X-OpenAPI-Missing")).isEqualTo("billing,flags,tasks");
    JsonNode document = response.json();
    assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
    assertThat(document.at("/servers/0/url").asString()).isEqualTo("/");
    assertThat(
            document.at("/info/x-missing-services").values().stream()
                .map(JsonNode::asString)
                .toList())
        .isEqualTo(List.of("billing", "flags", "tasks"));
    assertThat(document.path("paths").propertyNames())
        .contains("/api/v1/auth/login", "/api/v1/users/me");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asString())
        .isEqualTo("bearer");
    // The same name with other content in the second service is renamed there, references included.
    assertThat(document.at("/components/schemas/View/properties").propertyNames())
        .containsExactly("token");
    assertThat(document.at("/components/schemas/users.View/properties").propertyNames())
        .containsExactly("email");
    assertThat(
            document
                .at(
                    "/paths/~1api~1v1~1users~1me/get/responses/200/content/application~1json/schema/$ref")
                .asString())
        .isEqualTo("#/components/schemas/users.View");
    assertThat(document.at("/components/schemas").propertyNames())
        .doesNotContain("users.ErrorResponse");
    // So is an operationId the first service already uses.
    assertThat(document.at("/paths/~1api~1v1~1auth~1login/post/operationId").asString())
        .isEqualTo("show");
    assertThat(document.at("/paths/~1api~1v1~1users~1me/get/operationId").asString())
        .isEqualTo("users.show");
  }

  @Test
  void servesSwaggerUiOnTheMergedDocument() {
    HttpApi api = HttpApi.local(port);
    HttpApi.Response page = api.get("/docs", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.text()).contains("/docs/swagger-ui-bundle.js");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");

    assertThat(api.get("/docs/swagger-initializer.js", null).text())
        .contains("/api/v1/openapi.json");
    HttpApi.Response bundle = api.get("/docs/swagger-ui-bundle.js", null);
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(bundle.text()).contains("SwaggerUIBundle");
  }

  private static HttpServer documentServer(String document) {
    return JsonServer.serve("/v3/api-docs", () -> document);
  }

  private static String url(HttpServer server) {
    return JsonServer.url(server);
  }
}
