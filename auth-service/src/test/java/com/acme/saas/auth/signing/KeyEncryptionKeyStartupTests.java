package com.acme.saas.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.auth.AuthServiceApplication;
import com.acme.saas.testsupport.StandaloneService;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The key-encryption key is checked before the service takes traffic. */
class KeyEncryptionKeyStartupTests {

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
        start(
            "--saas.auth.signing.encryption-key=",
            "--spring.profiles.active=dev",
            "--saas.auth.admin.email=")) {
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
    return StandaloneService.start(AuthServiceApplication.class, Map.of(), overrides);
  }
}
