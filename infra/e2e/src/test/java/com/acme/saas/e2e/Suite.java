package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The running suite under test, reached only through its gateway (GATEWAY_URL). Every test fails,
 * never skips, when the gateway does not answer. Every exchange through {@link #api()} is checked
 * against the gateway's OpenAPI document ({@link OpenApiContract}).
 */
public final class Suite {

  public static final String GATEWAY_URL = gatewayUrl();
  private static final HttpApi API =
      new HttpApi(GATEWAY_URL, OpenApiContract.servedBy(GATEWAY_URL));

  private Suite() {}

  private static String gatewayUrl() {
    String url = System.getProperty("GATEWAY_URL", System.getenv("GATEWAY_URL"));
    if (url == null || url.isBlank()) {
      throw new AssertionError(
          "GATEWAY_URL is not set: start the suite (infra/dev/up) and pass -DGATEWAY_URL=http://127.0.0.1:8080");
    }
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    try {
      new HttpApi(url).get("/actuator/health", null);
    } catch (RuntimeException e) {
      throw new AssertionError(
          "the gateway at " + url + " does not answer: start the suite with infra/dev/up", e);
    }
    return url;
  }

  public static HttpApi api() {
    return API;
  }

  /**
   * A client address of its own (the gateway trusts X-Forwarded-For from loopback), so per-IP
   * limits do not leak between tests.
   */
  public static String clientIp() {
    var random = ThreadLocalRandom.current();
    return "10."
        + random.nextInt(1, 255)
        + "."
        + random.nextInt(0, 255)
        + "."
        + random.nextInt(1, 255);
  }

  public record Session(
      String userId, String email, String password, String accessToken, String refreshToken) {}

  public static Session register() {
    // example.com, not example.test: the document's "format": "email" is checked by the contract's
    // validator, which accepts only domains under a TLD IANA delegates.
    String email = "e2e-" + UUID.randomUUID() + "@example.com";
    String password = "Journey-" + UUID.randomUUID().toString().substring(0, 8) + "A1";
    var response =
        API.call("POST", "/api/v1/auth/register")
            .header("X-Forwarded-For", clientIp())
            .json(Map.of("email", email, "password", password, "name", "E2E User"))
            .send();
    assertThat(response.status()).as("register: %s", response).isEqualTo(201);
    var data = response.data();
    return new Session(
        data.get("user").get("id").asString(),
        email,
        password,
        data.get("accessToken").asString(),
        data.get("refreshToken").asString());
  }

  public static HttpApi.Response login(String email, String password) {
    return API.call("POST", "/api/v1/auth/login")
        .header("X-Forwarded-For", clientIp())
        .json(Map.of("email", email, "password", password))
        .send();
  }

  /** The seeded admin (ADMIN_EMAIL / ADMIN_PASSWORD, else the local stack's dev-secrets.env). */
  public static Session admin() {
    String email = setting("ADMIN_EMAIL", "admin@acme.test");
    String password = setting("ADMIN_PASSWORD", null);
    var response = login(email, password);
    assertThat(response.status()).as("admin login: %s", response).isEqualTo(200);
    var data = response.data();
    return new Session(
        data.get("user").get("id").asString(),
        email,
        password,
        data.get("accessToken").asString(),
        data.get("refreshToken").asString());
  }

  /**
   * A setting of the stack under test: the environment, else the local stack's dev-secrets.env,
   * else {@code fallback}.
   */
  public static String setting(String name, String fallback) {
    String value = System.getProperty(name, System.getenv(name));
    if (value != null && !value.isBlank()) {
      return value;
    }
    Path secrets = repositoryRoot().resolve("infra/dev/.run/dev-secrets.env");
    try {
      if (Files.exists(secrets)) {
        for (String line : Files.readAllLines(secrets)) {
          if (line.startsWith(name + "=")) {
            return line.substring(name.length() + 1);
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + secrets, e);
    }
    if (fallback == null) {
      throw new AssertionError(
          name + " is not set and infra/dev/.run/dev-secrets.env has no value for it");
    }
    return fallback;
  }

  public static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra"))) {
        return dir;
      }
    }
    return Path.of("").toAbsolutePath();
  }
}
