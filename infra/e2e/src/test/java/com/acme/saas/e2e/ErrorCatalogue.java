package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The error catalogue of the suite under test: the codes its OpenAPI document allows in the error
 * envelope ({@code ErrorResponse.error.code}, which common-lib fills from {@code ErrorCode}), read
 * once through the gateway, so the tests keep no list of their own.
 */
public final class ErrorCatalogue {

  private static final Set<String> CODES = load();

  private ErrorCatalogue() {}

  public static Set<String> codes() {
    return CODES;
  }

  private static Set<String> load() {
    var response = Suite.api().get("/api/v1/openapi.json", null);
    assertThat(response.status()).as("the OpenAPI document: %s", response).isEqualTo(200);
    JsonNode code =
        response
            .json()
            .path("components")
            .path("schemas")
            .path("ErrorResponse")
            .path("properties")
            .path("error")
            .path("properties")
            .path("code")
            .path("enum");
    Set<String> codes = new TreeSet<>();
    code.forEach(value -> codes.add(value.asString()));
    assertThat(codes).as("ErrorResponse.error.code of the OpenAPI document").isNotEmpty();
    return Set.copyOf(codes);
  }
}
