package com.acme.saas.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks of the OpenAPI document a service generates ({@code /v3/api-docs}), and where it is kept
 * for the checks that need every service's document ({@code target/openapi.json} of the module).
 */
public final class OpenApiChecks {

  /** Where a service module's test run leaves its document, relative to the module. */
  public static final Path DOCUMENT = Path.of("target", "openapi.json");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OpenApiChecks() {}

  /**
   * The running service documents every operation in the suite's shapes: OpenAPI 3.1, the error
   * envelope with the catalogue, bearer security and 401/403 on the operations that need a token,
   * 429/500/503 everywhere, 400 where there is input, 404 where the path names a resource, and
   * success bodies in the envelope. Writes the document to {@link #DOCUMENT}.
   */
  public static JsonNode assertDocumentsItsApi(int port) {
    HttpApi.Response response = HttpApi.local(port).get("/v3/api-docs", null);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode document = JSON.readTree(response.text());
    assertThat(document.path("openapi").asString()).startsWith("3.1");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asString())
        .isEqualTo("bearer");
    JsonNode codes =
        document.at("/components/schemas/ErrorResponse/properties/error/properties/code/enum");
    assertThat(codes.values().stream().map(JsonNode::asString).toList())
        .contains("VALIDATION_ERROR", "INTERNAL_ERROR");
    assertThat(document.path("paths").properties()).as("operations").isNotEmpty();

    List<String> problems = new ArrayList<>();
    boolean enveloped = false;
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        JsonNode operation = method.getValue();
        String name = method.getKey().toUpperCase() + " " + path.getKey();
        JsonNode responses = operation.path("responses");
        List<String> expected = new ArrayList<>(List.of("429", "500", "503"));
        if (operation.path("security").toString().contains("\"bearer\"")) {
          expected.addAll(List.of("401", "403"));
        }
        if (operation.has("requestBody") || !operation.path("parameters").isEmpty()) {
          expected.add("400");
        }
        if (path.getKey().contains("{")) {
          expected.add("404");
        }
        for (String status : expected) {
          if (!responses
              .at("/" + status + "/content/application~1json/schema/$ref")
              .asString()
              .endsWith("/ErrorResponse")) {
            problems.add(name + " has no " + status + " error response");
          }
        }
        boolean success = false;
        for (Map.Entry<String, JsonNode> answer : responses.properties()) {
          if (answer.getKey().startsWith("2")) {
            success = true;
            String ref = answer.getValue().at("/content/application~1json/schema/$ref").asString();
            JsonNode schema = ref.isEmpty() ? null : document.at(ref.substring(1));
            enveloped |=
                schema != null
                    && schema.at("/properties/data").isObject()
                    && schema.at("/properties/meta").isObject();
          }
        }
        if (!success) {
          problems.add(name + " has no success response");
        }
      }
    }
    assertThat(problems).as("operations without the suite's responses").isEmpty();
    assertThat(enveloped).as("success bodies in the {data, meta} envelope").isTrue();
    try {
      Files.createDirectories(DOCUMENT.getParent());
      Files.writeString(DOCUMENT, response.text());
    } catch (IOException e) {
      throw new AssertionError("Could not write " + DOCUMENT.toAbsolutePath(), e);
    }
    return document;
  }
}
