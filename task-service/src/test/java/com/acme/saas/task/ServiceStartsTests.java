package com.acme.saas.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ServiceStartsTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void answersReadinessAndMigratesItsOwnSchema() {
    HttpApi.Response readiness = HttpApi.local(port).get("/actuator/health/readiness", null);
    assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
    assertThat(jdbc.sql("select current_schema()").query(String.class).single()).isEqualTo("tasks");
    // Other test contexts on the shared broker may already have put events through, so the
    // common tables are checked for existence rather than emptiness.
    assertThat(jdbc.sql("select to_regclass('outbox') is not null and to_regclass('processed_events') is not null")
            .query(Boolean.class)
            .single())
        .isTrue();
  }

  @Test
  void protectedPathsNeedAToken() {
    HttpApi.Response response = HttpApi.local(port).get("/api/v1/anything", null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_MISSING");
  }
}
