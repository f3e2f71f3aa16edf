package com.acme.saas.e2e.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.e2e.Suite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The operations of the gateway's merged OpenAPI document, with their schemas resolved. */
final class Operations {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** A parameter in the path or the query. */
  record Param(String name, String in, JsonNode schema, boolean required) {}

  /** One operation: method, path template (under the gateway), parameters and JSON body schema. */
  record Operation(String method, String path, List<Param> params, Optional<JsonNode> body) {

    List<Param> in(String where) {
      return params.stream().filter(p -> p.in().equals(where)).toList();
    }

    boolean changesState() {
      return !method.equals("GET");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final JsonNode document;
  private final List<Operation> all;

  private Operations(JsonNode document) {
    this.document = document;
    this.all = read();
  }

  static Operations fromGateway() {
    var response = Suite.api().get("/api/v1/openapi.json", null);
    assertThat(response.status()).as("the OpenAPI document: %s", response).isEqualTo(200);
    assertThat(response.json().path("info").path("x-missing-services").isEmpty())
        .as("every service's part is in the OpenAPI document: %s", response.json().path("info"))
        .isTrue();
    return new Operations(response.json());
  }

  List<Operation> all() {
    return all;
  }

  Optional<Operation> find(String method, String path) {
    return all.stream()
        .filter(op -> op.method().equals(method) && op.path().equals(path))
        .findFirst();
  }

  private List<Operation> read() {
    String prefix = serverPrefix();
    List<Operation> operations = new ArrayList<>();
    for (var path : document.path("paths").properties()) {
      for (var entry : path.getValue().properties()) {
        if (!METHODS.contains(entry.getKey())) {
          continue;
        }
        JsonNode operation = entry.getValue();
        List<Param> params = new ArrayList<>();
        var declared = new ArrayList<JsonNode>();
        path.getValue().path("parameters").forEach(declared::add);
        operation.path("parameters").forEach(declared::add);
        for (JsonNode parameter : declared) {
          JsonNode p = resolve(parameter);
          String in = p.path("in").asString();
          if (in.equals("path") || in.equals("query")) {
            params.add(
                new Param(
                    p.path("name").asString(),
                    in,
                    resolve(p.path("schema")),
                    p.path("required").asBoolean(false)));
          }
        }
        Optional<JsonNode> body =
            Optional.of(
                    resolve(operation.path("requestBody"))
                        .path("content")
                        .path("application/json")
                        .path("schema"))
                .filter(schema -> !schema.isMissingNode())
                .map(this::resolve);
        operations.add(
            new Operation(
                entry.getKey().toUpperCase(Locale.ROOT), prefix + path.getKey(), params, body));
      }
    }
    operations.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
    return List.copyOf(operations);
  }

  /** The servers' path ({@code /api/v1}) when the paths are relative to it. */
  private String serverPrefix() {
    String url = document.path("servers").path(0).path("url").asString("");
    String path = url.replaceFirst("^[a-z]+://[^/]+", "");
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The node a {@code $ref} points to (transitively), else the node itself. */
  JsonNode resolve(JsonNode node) {
    for (int depth = 0; node.has("$ref") && depth < 10; depth++) {
      node = document.at(node.get("$ref").asString().substring(1));
    }
    return node.isMissingNode() ? JsonNodeFactory.instance.missingNode() : node;
  }
}
