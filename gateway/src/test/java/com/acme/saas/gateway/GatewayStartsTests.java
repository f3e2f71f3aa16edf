package com.acme.saas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class GatewayStartsTests {

  @LocalServerPort int port;

  @Test
  void answersLivenessAndReadiness() {
    HttpApi api = HttpApi.local(port);
    assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
  }
}
