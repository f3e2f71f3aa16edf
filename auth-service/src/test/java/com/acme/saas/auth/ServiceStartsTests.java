package com.acme.saas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.OpenApiChecks;
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
    assertThat(jdbc.sql("select current_schema()").query(String.class).single()).isEqualTo("auth");
    assertThat(
            jdbc.sql("select table_name from information_schema.tables where table_schema = 'auth'")
                .query(String.class)
                .list())
        .contains(
            "accounts",
            "refresh_tokens",
            "signing_keys",
            "login_failures",
            "outbox",
            "processed_events");
  }

  @Test
  void protectedPathsNeedAToken() {
    HttpApi.Response response = HttpApi.local(port).get("/api/v1/anything", null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_MISSING");
  }

  @Test
  void documentsItsApiInTheSuitesShapes() {
    OpenApiChecks.assertDocumentsItsApi(port);
  }
}
