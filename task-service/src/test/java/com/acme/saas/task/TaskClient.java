package com.acme.saas.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The tasks API as a test uses it: a task created in one line, its id back. */
public record TaskClient(HttpApi http) {

  public JsonNode create(String token, Map<String, ?> body) {
    HttpApi.Response response = http.post("/api/v1/tasks", token, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.data();
  }

  public UUID create(String token, String title) {
    return UUID.fromString(create(token, Map.of("title", title)).path("id").asString());
  }

  public HttpApi.Response list(String token, String query) {
    return http.get("/api/v1/tasks" + query, token);
  }
}
