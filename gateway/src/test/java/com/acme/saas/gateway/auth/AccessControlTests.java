package com.acme.saas.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.ApiRoutes;
import com.acme.saas.gateway.support.ApiRoutes.Access;
import com.acme.saas.gateway.support.ApiRoutes.ApiRoute;
import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RawHttp;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AccessControlTests {

  static final List<ApiRoute> ROUTES = ApiRoutes.ALL;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ROUTES")
  void withoutTokenOnlyPublicRoutesPass(ApiRoute route) {
    HttpApi.Response response = call(route, null);

    if (route.access() == Access.PUBLIC) {
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
    } else {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo("TOKEN_MISSING");
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ROUTES")
  void userReachesEveryRouteButTheAdminOnes(ApiRoute route) {
    HttpApi.Response response = call(route, TestTokens.user(UUID.randomUUID()));

    if (route.access() == Access.ADMIN) {
      assertThat(response.status()).as(response.toString()).isEqualTo(403);
      assertThat(response.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    } else {
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ROUTES")
  void adminReachesEveryRoute(ApiRoute route) {
    HttpApi.Response response = call(route, TestTokens.admin(UUID.randomUUID()));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  /**
   * Targets a service could normalise into another route than the one the access rules see (most
   * would land on an ADMIN route or leave a public one), or that parsers read differently.
   */
  static final List<String> AMBIGUOUS_TARGETS =
      List.of(
          "GET /api/v1/tasks/..%2f..%2fadmin%2ftasks",
          "GET /api/v1/tasks/%2e%2e/admin/tasks",
          "GET /api/v1/tasks/..;/admin/tasks",
          "GET /api/v1/tasks/x%5c..%5c..%5cadmin%5ctasks",
          "GET /api/v1/tasks/x\\..\\..\\admin\\tasks",
          "GET /api/v1/users/me/%2e%2e",
          "GET /api/v1/users/%2E%2E/users",
          "GET /api/v1/users;x=1/me",
          "GET /api/v1//users",
          "GET /api/v1/flags/evaluate/..%2f",
          "GET /api/v1/flags/%00",
          "GET /api/v1/flags/%ZZ",
          "GET /api/v1/billing/plans/..%2fsubscription",
          "GET /api/v1/billing/plans;/../subscription",
          "POST /api/v1/auth/login/..%2fkeys%2frotate",
          "POST /api/v1/auth/login/../keys/rotate",
          "POST /api/v1/webhooks/stripe/%2e%2e/%2e%2e/auth/keys/rotate");

  @ParameterizedTest(name = "{0}")
  @FieldSource("AMBIGUOUS_TARGETS")
  void ambiguousTargetsReachNoServiceWithOrWithoutAToken(String request) {
    String method = request.substring(0, request.indexOf(' '));
    String target = request.substring(request.indexOf(' ') + 1);
    int before = Services.requests();

    for (String token :
        new String[] {
          null, TestTokens.user(UUID.randomUUID()), TestTokens.admin(UUID.randomUUID())
        }) {
      RawHttp.Response response =
          token == null
              ? RawHttp.local(port).send(method, target, "Content-Length: 0")
              : RawHttp.local(port)
                  .send(method, target, "Content-Length: 0", "Authorization: Bearer " + token);

      assertThat(response.status()).as(response.toString()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    }
    assertThat(Services.requests()).as("requests that reached a service").isEqualTo(before);
  }

  @Test
  void spoofedRoleHeaderGrantsNothing() {
    HttpApi.Response response =
        HttpApi.local(port)
            .call("GET", "/api/v1/users")
            .bearer(TestTokens.user(UUID.randomUUID()))
            .header("X-User-Role", "ADMIN")
            .header("X-User-Id", UUID.randomUUID().toString())
            .send();

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
  }

  @Test
  void unknownRoleIsRefusedEverywhereProtected() {
    String token = TestTokens.token(UUID.randomUUID(), "AUDITOR", claims -> {});

    HttpApi.Response response = HttpApi.local(port).get("/api/v1/tasks", token);

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
  }

  private HttpApi.Response call(ApiRoute route, @Nullable String token) {
    HttpApi.Call call = HttpApi.local(port).call(route.method(), route.path()).bearer(token);
    if (!route.method().equals("GET") && !route.method().equals("DELETE")) {
      call.json("{}");
    }
    return call.send();
  }
}
