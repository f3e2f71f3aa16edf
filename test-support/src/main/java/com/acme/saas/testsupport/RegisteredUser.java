package com.acme.saas.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An account registered through auth-service's API with {@link #PASSWORD}, and the session the
 * registration answered: {@code {user, accessToken, refreshToken, tokenType, expiresIn}}.
 */
public record RegisteredUser(String email, JsonNode session) {

  /** A password that satisfies every rule and is on no common list. */
  public static final String PASSWORD = "Correct-Horse-9-Battery";

  /** A fresh email nobody has registered. */
  public static String newEmail() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  /** Registers {@code email} as "Ada Lovelace" with {@link #PASSWORD}; fails unless it is 201. */
  public static RegisteredUser register(HttpApi authService, String email) {
    HttpApi.Response response =
        authService.post(
            "/api/v1/auth/register",
            null,
            Map.of("email", email, "password", PASSWORD, "name", "Ada Lovelace"));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return new RegisteredUser(email, response.data());
  }

  public UUID id() {
    return UUID.fromString(session.path("user").path("id").asString());
  }

  public String accessToken() {
    return session.path("accessToken").asString();
  }

  public String refreshToken() {
    return session.path("refreshToken").asString();
  }
}
