package com.acme.saas.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The flags API as a test uses it: an admin, a flag created in one line, a caller's values. */
public record FlagsApi(HttpApi http, UUID adminId, String admin) {

  /** The API on {@code http} as a new admin (what {@code @InjectApi FlagsApi} gives a test). */
  public FlagsApi(HttpApi http) {
    UUID adminId = UUID.randomUUID();
    this(http, adminId, TestTokens.admin(adminId));
  }

  public static FlagsApi on(int port) {
    return new FlagsApi(HttpApi.local(port));
  }

  /** Creates a flag: on for everyone unless {@code settings} say otherwise. */
  public JsonNode create(String key, Map<String, ?> settings) {
    Map<String, Object> body =
        new HashMap<>(
            Map.of(
                "key",
                key,
                "description",
                "test flag " + key,
                "enabled",
                true,
                "rolloutPercentage",
                100));
    body.putAll(settings);
    HttpApi.Response response = http.post("/api/v1/flags", admin, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.data();
  }

  public void change(String key, Map<String, ?> patch) {
    HttpApi.Response response = http.patch("/api/v1/flags/" + key, admin, patch);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  public void override(String key, UUID userId, boolean value) {
    HttpApi.Response response =
        http.put("/api/v1/flags/" + key + "/overrides/" + userId, admin, Map.of("value", value));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  /** GET /flags/evaluate for the caller: every flag's value. */
  public JsonNode values(String token) {
    HttpApi.Response response = http.get("/api/v1/flags/evaluate", token);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.data();
  }

  public HttpApi.Response ofrep(String token, String key, Map<String, ?> context) {
    return http.post("/api/v1/ofrep/v1/evaluate/flags/" + key, token, Map.of("context", context));
  }
}
