package com.acme.saas.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.Infrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A service missing a required setting refuses to start and names the setting. */
@ExtendWith(OutputCaptureExtension.class)
class StartupConfigurationTests {

  @Test
  void missingJwksUriStopsTheServiceNamingTheSetting(CapturedOutput output) {
    String database = Infrastructure.get().createDatabase("startupconfig");
    SpringApplicationBuilder service =
        new SpringApplicationBuilder(ProbeApplication.class)
            .properties(
                "server.port=0",
                "spring.datasource.url=" + Infrastructure.get().jdbcUrl(database),
                "spring.kafka.bootstrap-servers=" + Infrastructure.get().kafkaBootstrapServers(),
                "logging.structured.format.console=",
                "saas.security.issuer=https://auth.example",
                "saas.security.audience=acme-saas");
    assertThatThrownBy(service::run).isInstanceOf(Exception.class);
    assertThat(output).contains("saas.security.jwksUri").contains("must not be null");
  }
}
