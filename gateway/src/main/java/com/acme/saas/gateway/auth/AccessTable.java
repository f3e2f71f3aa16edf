package com.acme.saas.gateway.auth;

import com.acme.saas.common.security.RequestPattern;
import com.acme.saas.common.security.TokenProperties;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;

/** Which requests are public and which roles may send the others, from configuration. */
@Component
final class AccessTable {

  private record Entry(RequestPattern pattern, Set<String> roles) {}

  private final List<RequestPattern> publicRequests;
  private final List<Entry> rules;

  AccessTable(TokenProperties tokens, AccessProperties access) {
    this.publicRequests = tokens.publicPaths().stream().map(RequestPattern::parse).toList();
    this.rules =
        access.rules().stream()
            .map(rule -> new Entry(RequestPattern.parse(rule.request()), Set.copyOf(rule.roles())))
            .toList();
  }

  boolean isPublic(HttpMethod method, PathContainer path) {
    for (RequestPattern pattern : publicRequests) {
      if (pattern.matches(method, path)) {
        return true;
      }
    }
    return false;
  }

  boolean permits(HttpMethod method, PathContainer path, String role) {
    for (Entry rule : rules) {
      if (rule.pattern().matches(method, path)) {
        return rule.roles().contains(role);
      }
    }
    return false;
  }
}
