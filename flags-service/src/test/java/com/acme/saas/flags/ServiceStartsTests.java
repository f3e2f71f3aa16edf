package com.acme.saas.flags;

import com.acme.saas.testsupport.OpenApiChecks;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.ServiceChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ServiceStartsTests {

  @LocalServerPort int port;

  @Value("${saas.test.database}")
  String database;

  @Test
  void servesWithItsOwnSchemaAndRequiresTokens() {
    ServiceChecks.assertServesWithItsOwnSchema(port, database, "flags", "flags_service");
  }

  @Test
  void documentsItsApiInTheSuitesShapes() {
    OpenApiChecks.assertDocumentsItsApi(port);
  }
}
