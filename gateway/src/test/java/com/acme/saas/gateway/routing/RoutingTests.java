package com.acme.saas.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.ApiRoutes;
import com.acme.saas.gateway.support.ApiRoutes.ApiRoute;
import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RoutingTests {

  static final List<ApiRoute> ROUTES = ApiRoutes.ALL;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ROUTES")
  void everyApiRouteReachesItsServiceWithPathUnchanged(ApiRoute route) {
    HttpApi.Response response = call(route.method(), route.path());

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.data().path("service").asString()).isEqualTo(route.service());
    assertThat(response.data().path("method").asString()).isEqualTo(route.method());
    assertThat(response.data().path("path").asString()).isEqualTo(route.path());
  }

  @Test
  void unknownPathAnswers404InTheEnvelope() {
    HttpApi.Response response = call("GET", "/api/v1/nothing-here");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(response.json().path("error").path("requestId").asString())
        .isEqualTo(response.header("X-Request-Id"));
  }

  @Test
  void pathOutsideTheApiAnswers404InTheEnvelope() {
    HttpApi.Response response = call("POST", "/admin");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
  }

  private HttpApi.Response call(String method, String path) {
    HttpApi.Call call =
        HttpApi.local(port).call(method, path).bearer(TestTokens.admin(UUID.randomUUID()));
    if (!method.equals("GET") && !method.equals("DELETE")) {
      call.json("{}");
    }
    return call.send();
  }
}
