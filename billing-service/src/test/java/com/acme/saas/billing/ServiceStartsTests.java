package com.acme.saas.billing;

import com.acme.saas.testsupport.OpenApiChecks;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.ServiceChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ServiceStartsTests {

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    StripeStandIn.register(registry);
  }

  @LocalServerPort int port;

  @Value("${saas.test.database}")
  String database;

  @Test
  void servesWithItsOwnSchemaAndRequiresTokens() {
    ServiceChecks.assertServesWithItsOwnSchema(port, database, "billing", "billing_service");
  }

  @Test
  void documentsItsApiInTheSuitesShapes() {
    OpenApiChecks.assertDocumentsItsApi(port);
  }
}
