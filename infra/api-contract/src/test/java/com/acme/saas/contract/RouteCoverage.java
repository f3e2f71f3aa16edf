package com.acme.saas.contract;

import com.acme.saas.common.security.RequestPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * Compares the gateway's tables (role rules and public paths, as request patterns) with the
 * operations of the OpenAPI documents: every method a pattern names must have an operation whose
 * path the pattern matches, and every operation must match some pattern, or the gateway refuses it.
 */
final class RouteCoverage {

  /** One operation of a document: {@code GET /api/v1/users/{id}}. */
  record Operation(HttpMethod method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final List<HttpMethod> ALL_METHODS =
      List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private RouteCoverage() {}

  /**
   * What does not line up: patterns' methods without an operation, and operations no pattern
   * allows.
   */
  static List<String> problems(List<String> requestPatterns, List<Operation> operations) {
    List<String> problems = new ArrayList<>();
    List<RequestPattern> patterns = requestPatterns.stream().map(RequestPattern::parse).toList();
    for (int i = 0; i < patterns.size(); i++) {
      RequestPattern pattern = patterns.get(i);
      Set<HttpMethod> methods = pattern.methods().isEmpty() ? Set.of() : pattern.methods();
      if (methods.isEmpty()) {
        // "/path/**" names no method: at least one operation must live under it.
        if (operations.stream().noneMatch(operation -> matches(pattern, operation))) {
          problems.add("no operation for route " + requestPatterns.get(i).trim());
        }
        continue;
      }
      for (HttpMethod method : methods) {
        if (operations.stream()
            .noneMatch(
                operation -> operation.method().equals(method) && matches(pattern, operation))) {
          problems.add(
              "no operation for route " + method + " " + pattern.path().getPatternString());
        }
      }
    }
    for (Operation operation : operations) {
      if (patterns.stream().noneMatch(pattern -> matches(pattern, operation))) {
        problems.add("no route for operation " + operation);
      }
    }
    return problems;
  }

  private static boolean matches(RequestPattern pattern, Operation operation) {
    return pattern.matches(operation.method(), PathContainer.parsePath(operation.path()));
  }

  static HttpMethod method(String openApiMethod) {
    return HttpMethod.valueOf(openApiMethod.toUpperCase(Locale.ROOT));
  }

  static boolean isOperationMethod(String openApiMethod) {
    return ALL_METHODS.stream().anyMatch(method -> method.name().equalsIgnoreCase(openApiMethod));
  }
}
