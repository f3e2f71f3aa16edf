package com.acme.saas.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectRegisteredUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.RegisteredUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class LockoutTests {

  private static final String WRONG = "Wrong-Password-1";

  @Autowired JdbcClient jdbc;
  @InjectApi AuthClient auth;
  @InjectRegisteredUser RegisteredUser user;

  @Test
  void tenFailuresLockTheAccountEvenAgainstTheRightPassword() {
    failLogins(user.email(), 10);

    HttpApi.Response locked = auth.login(user.email(), AuthClient.PASSWORD);

    assertThat(locked.status()).as(locked.toString()).isEqualTo(423);
    assertThat(locked.errorCode()).isEqualTo("ACCOUNT_LOCKED");
    long retryAfter = Long.parseLong(locked.header("Retry-After"));
    assertThat(retryAfter).isBetween(14 * 60L, 15 * 60L + 1);
  }

  @Test
  void nineFailuresDoNotLock() {
    failLogins(user.email(), 9);

    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aSuccessfulLoginResetsTheCount() {
    failLogins(user.email(), 9);
    auth.loggedIn(user.email(), AuthClient.PASSWORD);
    failLogins(user.email(), 9);

    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    failLogins(user.email(), 9);
    jdbc.sql("update login_failures set window_started_at = now() - interval '16 minutes'")
        .update();
    failLogins(user.email(), 1);

    assertThat(auth.login(user.email(), AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void eachFurtherLockLastsLonger() {
    failLogins(user.email(), 10);
    long first =
        Long.parseLong(auth.login(user.email(), AuthClient.PASSWORD).header("Retry-After"));
    // the first lock runs out
    jdbc.sql("update login_failures set locked_until = now() - interval '1 second'").update();
    failLogins(user.email(), 10);

    long second =
        Long.parseLong(auth.login(user.email(), AuthClient.PASSWORD).header("Retry-After"));

    assertThat(second).isBetween(2 * first - 5, 2 * first + 5);
  }

  @Test
  void unknownEmailsLockAlikeSoALockRevealsNothing() {
    String unknown = AuthClient.newEmail();
    failLogins(unknown, 10);

    HttpApi.Response unknownLocked = auth.login(unknown, WRONG);
    failLogins(user.email(), 10);
    HttpApi.Response knownLocked = auth.login(user.email(), WRONG);

    assertThat(unknownLocked.status()).isEqualTo(423);
    assertThat(knownLocked.status()).isEqualTo(423);
    assertThat(unknownLocked.header("Retry-After")).isNotNull();
    assertThat(
            unknownLocked.json().path("error").path("message").asString().replaceAll("\\d+", "N"))
        .isEqualTo(
            knownLocked.json().path("error").path("message").asString().replaceAll("\\d+", "N"));
  }

  @Test
  void aLockOnOneAccountLeavesOthersAlone() {
    String other = AuthClient.newEmail();
    auth.registered(other);
    failLogins(user.email(), 10);

    assertThat(auth.login(other, AuthClient.PASSWORD).status()).isEqualTo(200);
  }

  private void failLogins(String address, int times) {
    for (int i = 0; i < times; i++) {
      HttpApi.Response response = auth.login(address, WRONG);
      assertThat(response.status()).as("failure %d: %s", i + 1, response).isEqualTo(401);
    }
  }
}
