package com.acme.saas.common.security;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A request pattern as configuration writes it ({@code saas.security.public-paths}, the gateway's
 * access table, limits): {@code "POST /api/v1/auth/login"} matches that method, {@code
 * "/api/v1/billing/**"} any method. Several methods are written {@code "GET,PATCH /path"}.
 */
public record RequestPattern(Set<HttpMethod> methods, PathPattern path) {

  public static RequestPattern parse(String spec) {
    String trimmed = spec.trim();
    int space = trimmed.indexOf(' ');
    if (space < 0) {
      return new RequestPattern(Set.of(), PathPatternParser.defaultInstance.parse(trimmed));
    }
    Set<HttpMethod> methods = new HashSet<>();
    for (String method : trimmed.substring(0, space).split(",")) {
      methods.add(HttpMethod.valueOf(method.trim().toUpperCase(Locale.ROOT)));
    }
    return new RequestPattern(
        Set.copyOf(methods),
        PathPatternParser.defaultInstance.parse(trimmed.substring(space).trim()));
  }

  public boolean matches(HttpMethod method, PathContainer requestPath) {
    return (methods.isEmpty() || methods.contains(method)) && path.matches(requestPath);
  }

  @Override
  public String toString() {
    return (methods.isEmpty() ? "" : methods + " ") + path.getPatternString();
  }
}
