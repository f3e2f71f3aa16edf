package com.acme.saas.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.auth.AuthServiceApplication;
import com.acme.saas.testsupport.Infrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The key-encryption key is checked before the service takes traffic. */
class StartupConfigurationTests {

  @Test
  void withoutAKeyEncryptionKeyOutsideDevTheServiceRefusesToStart() {
    assertThatThrownBy(() -> start("--saas.auth.signing.encryption-key=").close())
        .rootCause()
        .hasMessageContaining("AUTH_KEY_ENCRYPTION_KEY")
        .hasMessageContaining("required outside the dev profile");
  }

  @Test
  void aKeyEncryptionKeyOfTheWrongLengthIsRefused() {
    assertThatThrownBy(() -> start("--saas.auth.signing.encryption-key=c2hvcnQ=").close())
        .rootCause()
        .hasMessageContaining("must decode to 32 bytes");
  }

  @Test
  void theDevProfileStartsWithoutOne() {
    try (ConfigurableApplicationContext context =
        start("--saas.auth.signing.encryption-key=", "--spring.profiles.active=dev", "--saas.auth.admin.email=")) {
      assertThat(context.getBean(SigningKeys.class).publicKeys().getKeys()).hasSize(1);
    }
  }

  @Test
  void keysSealedUnderAnotherKeyEncryptionKeyAreNotSilentlyReplaced() {
    try (ConfigurableApplicationContext context =
        start("--saas.auth.signing.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")) {
      String database = context.getEnvironment().getProperty("spring.datasource.url");
      assertThatThrownBy(
              () ->
                  start(
                          "--spring.datasource.url=" + database,
                          "--saas.auth.signing.encryption-key=ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=")
                      .close())
          .rootCause()
          .hasMessageContaining("cannot be opened with the configured");
    }
  }

  /** Starts auth-service on a fresh database; an override replaces the default of its name. */
  private static ConfigurableApplicationContext start(String... overrides) {
    Infrastructure infrastructure = Infrastructure.get();
    String database = infrastructure.createDatabase(StartupConfigurationTests.class.getSimpleName());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.port", "0");
    settings.put("spring.datasource.url", infrastructure.jdbcUrl(database));
    settings.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
    settings.put("saas.security.jwks-uri", TestTokens.jwksUri().toString());
    settings.put("saas.security.issuer", TestTokens.ISSUER);
    settings.put("saas.security.audience", TestTokens.AUDIENCE);
    for (String override : overrides) {
      String[] nameAndValue = override.substring(2).split("=", 2);
      settings.put(nameAndValue[0], nameAndValue[1]);
    }
    String[] arguments = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    return new SpringApplicationBuilder(AuthServiceApplication.class).run(arguments);
  }
}
