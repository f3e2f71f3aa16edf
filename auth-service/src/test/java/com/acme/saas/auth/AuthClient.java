package com.acme.saas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.AuthenticatorApp;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RegisteredUser;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** auth-service's API as a client uses it, with the assertions every happy path shares. */
public final class AuthClient {

  /** A password that satisfies every rule and is on no common list. */
  public static final String PASSWORD = RegisteredUser.PASSWORD;

  private final HttpApi http;

  public AuthClient(int port) {
    this(HttpApi.local(port));
  }

  public AuthClient(HttpApi http) {
    this.http = http;
  }

  public HttpApi http() {
    return http;
  }

  /** A fresh email nobody has registered. */
  public static String newEmail() {
    return RegisteredUser.newEmail();
  }

  public HttpApi.Response register(String email, String password, String name) {
    return http.post(
        "/api/v1/auth/register", null, Map.of("email", email, "password", password, "name", name));
  }

  /**
   * Registers and returns {@code data}: {user, accessToken, refreshToken, tokenType, expiresIn}.
   */
  public JsonNode registered(String email) {
    return RegisteredUser.register(http, email).session();
  }

  public HttpApi.Response login(String email, String password) {
    return http.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
  }

  public JsonNode loggedIn(String email, String password) {
    HttpApi.Response response = login(email, password);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.data();
  }

  public HttpApi.Response refresh(String refreshToken) {
    return http.post("/api/v1/auth/refresh", null, Map.of("refreshToken", refreshToken));
  }

  public HttpApi.Response logout(String accessToken, String refreshToken) {
    return http.post("/api/v1/auth/logout", accessToken, Map.of("refreshToken", refreshToken));
  }

  public HttpApi.Response logoutAll(String accessToken) {
    return http.post("/api/v1/auth/logout-all", accessToken, null);
  }

  public HttpApi.Response startTotp(String accessToken) {
    return http.post("/api/v1/auth/mfa/totp", accessToken, null);
  }

  public HttpApi.Response confirmTotp(String accessToken, String code) {
    return http.post("/api/v1/auth/mfa/totp/confirm", accessToken, Map.of("code", code));
  }

  public HttpApi.Response disableTotp(String accessToken, String password, String code) {
    return http.call("DELETE", "/api/v1/auth/mfa/totp")
        .bearer(accessToken)
        .json(Map.of("password", password, "code", code))
        .send();
  }

  public HttpApi.Response loginMfa(String challenge, String code) {
    return http.post("/api/v1/auth/login/mfa", null, Map.of("challenge", challenge, "code", code));
  }

  /**
   * TOTP turned on: the app that computes its codes (the confirming one, {@code code()}, is used)
   * and the recovery codes.
   */
  public record TotpOn(AuthenticatorApp app, List<String> recoveryCodes) {}

  /** Enrols and confirms TOTP with the app's current code. */
  public TotpOn totpOn(String accessToken) {
    HttpApi.Response started = startTotp(accessToken);
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    AuthenticatorApp app = AuthenticatorApp.scan(started.data().path("otpauthUri").asString());
    HttpApi.Response confirmed = confirmTotp(accessToken, app.code());
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    List<String> recoveryCodes =
        confirmed.data().path("recoveryCodes").valueStream().map(JsonNode::asString).toList();
    return new TotpOn(app, recoveryCodes);
  }

  /** The password step of a login with TOTP on: its challenge. */
  public String challenge(String email, String password) {
    HttpApi.Response response = login(email, password);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.data().path("mfaRequired").asBoolean()).as(response.toString()).isTrue();
    return response.data().path("challenge").asString();
  }
}
