package com.acme.saas.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Production may turn the document and the page off: then neither exists. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "saas.openapi.enabled=false")
@RealInfrastructure
class OpenApiDisabledTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @Test
  void neitherTheDocumentNorThePageIsServed() {
    HttpApi api = HttpApi.local(port);
    HttpApi.Response document = api.get("/api/v1/openapi.json", null);
    assertThat(document.status()).isEqualTo(404);
    assertThat(document.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(api.get("/docs", null).status()).isEqualTo(404);
    assertThat(api.get("/docs/swagger-ui-bundle.js", null).status()).isEqualTo(404);
  }
}
