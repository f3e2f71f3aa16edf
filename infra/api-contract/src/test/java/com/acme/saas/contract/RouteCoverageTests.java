package com.acme.saas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.contract.RouteCoverage.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's route and role tables ({@code saas.gateway.access.rules}, {@code
 * saas.security.public-paths} of its application.yml) and the operations of the services' OpenAPI
 * documents name the same requests. The documents are the ones each service's tests generated from
 * the running service ({@code <module>/target/openapi.json}).
 */
class RouteCoverageTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  /** Served by the gateway itself, not by a service. */
  private static final List<String> GATEWAY_OWN = List.of("GET /api/v1/openapi.json", "GET /docs");

  @Test
  void everyRouteHasAnOperationAndEveryOperationARoute() {
    List<String> requests = gatewayRequests();
    requests.removeAll(GATEWAY_OWN);
    List<Operation> operations = new ArrayList<>();
    for (Path document : serviceDocuments()) {
      operations.addAll(operations(JSON.readTree(read(document))));
    }

    assertThat(requests).as("gateway routes").isNotEmpty();
    assertThat(RouteCoverage.problems(requests, operations)).isEmpty();
  }

  @Test
  void aRouteWithoutAnOperationAndAnOperationWithoutARouteAreBothReported() {
    List<Operation> operations =
        List.of(
            new Operation(HttpMethod.GET, "/api/v1/tasks/{id}"),
            new Operation(HttpMethod.POST, "/api/v1/tasks/{id}/archive"));

    List<String> problems =
        RouteCoverage.problems(List.of("GET,DELETE /api/v1/tasks/{id}"), operations);

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "no operation for route DELETE /api/v1/tasks/{id}",
            "no route for operation POST /api/v1/tasks/{id}/archive");
  }

  @Test
  void aCoveredTableHasNoProblems() {
    List<Operation> operations =
        List.of(
            new Operation(HttpMethod.GET, "/api/v1/users/{id}"),
            new Operation(HttpMethod.PATCH, "/api/v1/users/{id}"));

    assertThat(RouteCoverage.problems(List.of("GET,PATCH /api/v1/users/{id}"), operations))
        .isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<String> gatewayRequests() {
    Map<String, Object> yaml =
        new Yaml().load(read(ROOT.resolve("gateway/src/main/resources/application.yml")));
    Map<String, Object> saas = (Map<String, Object>) yaml.get("saas");
    List<String> requests =
        new ArrayList<>(
            (List<String>) ((Map<String, Object>) saas.get("security")).get("public-paths"));
    Map<String, Object> access =
        (Map<String, Object>) ((Map<String, Object>) saas.get("gateway")).get("access");
    for (Map<String, Object> rule : (List<Map<String, Object>>) access.get("rules")) {
      requests.add((String) rule.get("request"));
    }
    return requests;
  }

  /**
   * The document of every module the gateway routes to: each module with a service name in
   * saas.gateway.services.
   */
  @SuppressWarnings("unchecked")
  private static List<Path> serviceDocuments() {
    Map<String, Object> yaml =
        new Yaml().load(read(ROOT.resolve("gateway/src/main/resources/application.yml")));
    Map<String, Object> services =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) yaml.get("saas")).get("gateway"))
                .get("services");
    List<Path> documents = new ArrayList<>();
    try (var modules = Files.list(ROOT)) {
      modules
          .filter(module -> Files.exists(module.resolve("src/main/resources/application.yml")))
          .filter(module -> !module.getFileName().toString().equals("gateway"))
          .forEach(module -> documents.add(module.resolve("target/openapi.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(documents).as("service modules").hasSize(services.size());
    for (Path document : documents) {
      assertThat(document)
          .as(
              "%s is written by the module's ServiceStartsTests; run the whole build (./mvnw verify), which runs this module last",
              ROOT.relativize(document))
          .exists();
    }
    return documents;
  }

  private static List<Operation> operations(JsonNode document) {
    List<Operation> operations = new ArrayList<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue().properties().stream()
                    .filter(method -> RouteCoverage.isOperationMethod(method.getKey()))
                    .forEach(
                        method ->
                            operations.add(
                                new Operation(
                                    RouteCoverage.method(method.getKey()), path.getKey()))));
    return operations;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
