package com.acme.saas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ManagementPortTests {

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @Test
  void metricsAreNotServedOnThePublicPort() {
    HttpApi.Response response = HttpApi.local(port).get("/actuator/prometheus", null);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(HttpApi.local(port).get("/actuator/metrics", null).status()).isEqualTo(404);
    assertThat(HttpApi.local(port).get("/actuator", null).status()).isEqualTo(404);
  }

  @Test
  void healthAndProbesStayPublic() {
    HttpApi api = HttpApi.local(port);
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
        }) {
      HttpApi.Response response = api.get(path, null);
      assertThat(response.status()).as(path).isEqualTo(200);
      assertThat(response.json().get("status").asString()).as(path).isEqualTo("UP");
    }
  }

  @Test
  void managementPortServesMetricsAndHealth() {
    assertThat(managementPort).isNotEqualTo(port);
    HttpApi management = HttpApi.local(managementPort);

    HttpApi.Response metrics = management.get("/actuator/prometheus", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("gateway_ratelimit_redis_failures_total");
    assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
  }
}
