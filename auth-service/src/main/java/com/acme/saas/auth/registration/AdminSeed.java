package com.acme.saas.auth.registration;

import com.acme.saas.auth.accounts.PasswordPolicy;
import com.acme.saas.common.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the configured administrator on start when no account has its email. It becomes a regular
 * account at once (UserRegistered with role ADMIN), so user-service knows it too. Runs before the
 * service reports ready; a bad setting stops the start and names itself.
 */
@Component
class AdminSeed implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminSeed.class);

  private final AdminSeedProperties properties;
  private final Registration registration;

  AdminSeed(AdminSeedProperties properties, Registration registration) {
    this.properties = properties;
    this.registration = registration;
  }

  @Override
  public void run(ApplicationArguments args) {
    String email = properties.email();
    if (email == null || email.isBlank()) {
      log.info("admin.seed skipped reason=no-email");
      return;
    }
    String password = properties.password();
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(
          "saas.auth.admin.password (env ADMIN_PASSWORD) is required when saas.auth.admin.email (env ADMIN_EMAIL) is set");
    }
    String problem = PasswordPolicy.problem(password);
    if (problem != null) {
      throw new IllegalStateException("saas.auth.admin.password (env ADMIN_PASSWORD) " + problem);
    }
    registration
        .registerIfAbsent(email, password, "Administrator", Roles.ADMIN)
        .ifPresentOrElse(
            admin -> log.info("admin.seed created userId={}", admin.id()),
            () -> log.info("admin.seed skipped reason=exists"));
  }
}
