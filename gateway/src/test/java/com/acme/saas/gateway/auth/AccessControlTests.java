package com.acme.saas.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.ApiRoutes;
import com.acme.saas.gateway.support.ApiRoutes.Access;
import com.acme.saas.gateway.support.ApiRoutes.ApiRoute;
import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
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
