package com.acme.saas.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.testsupport.RealInfrastructure;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "saas.auth.admin.email=" + AdminSeedTests.ADMIN,
      "saas.auth.admin.password=" + AuthClient.PASSWORD
    })
@RealInfrastructure
class AdminSeedTests {

  static final String ADMIN = "Root@Example.com";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired Registration registration;

  @Test
  void theConfiguredAdminExistsAndSignsInAsAdmin() throws Exception {
    String token =
        new AuthClient(port)
            .loggedIn(ADMIN.toLowerCase(), AuthClient.PASSWORD)
            .path("accessToken")
            .asString();

    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("role")).isEqualTo("ADMIN");
    assertThat(
            jdbc.sql(
                    "select count(*) from outbox where event_type = 'UserRegistered' and payload -> 'payload' ->> 'role' = 'ADMIN'")
                .query(Long.class)
                .single())
        .as("user-service learns of the admin like any other user")
        .isOne();
  }

  @Test
  void seedingAgainChangesNothing() {
    new AdminSeed(new AdminSeedProperties(ADMIN, "Some-Other-Pass-7"), registration)
        .run(new DefaultApplicationArguments());

    assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single()).isOne();
    assertThat(new AuthClient(port).login(ADMIN, AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void anEmailWithoutAPasswordStopsTheStart() {
    AdminSeed seed =
        new AdminSeed(new AdminSeedProperties("new-admin@example.com", ""), registration);

    assertThatThrownBy(() -> seed.run(new DefaultApplicationArguments()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ADMIN_PASSWORD");
  }

  @Test
  void aWeakPasswordStopsTheStart() {
    AdminSeed seed =
        new AdminSeed(new AdminSeedProperties("new-admin@example.com", "Password1"), registration);

    assertThatThrownBy(() -> seed.run(new DefaultApplicationArguments()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ADMIN_PASSWORD")
        .hasMessageContaining("common");
    assertThat(
            jdbc.sql(
                    "select count(*) from accounts where email_normalized = 'new-admin@example.com'")
                .query(Long.class)
                .single())
        .isZero();
  }
}
