package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gateway answers its health probes without a token. */
class GatewayHealthTests {

  @Test
  void healthIsUpWithoutAToken() {
    var response = Suite.api().get("/actuator/health", null);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void readinessIsUp() {
    var response = Suite.api().get("/actuator/health/readiness", null);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("status").asString()).isEqualTo("UP");
  }
}
