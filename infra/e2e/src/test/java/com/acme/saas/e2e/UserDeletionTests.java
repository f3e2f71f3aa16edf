package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An admin deletes a user: the login fails and the user's tasks are gone everywhere within seconds.
 */
class UserDeletionTests {

  private static final long PROPAGATION_LIMIT_MS = 10_000;

  @Test
  void aDeletedUserCannotLogInAndTheirTasksAreGone() throws InterruptedException {
    var user = Suite.register();
    for (int i = 1; i <= 2; i++) {
      assertThat(
              Suite.api()
                  .post("/api/v1/tasks", user.accessToken(), Map.of("title", "doomed " + i))
                  .status())
          .isEqualTo(201);
    }
    var admin = Suite.admin();
    String tasksOfUser = "/api/v1/admin/tasks?userId=" + user.userId();
    assertThat(
            Suite.api()
                .get(tasksOfUser, admin.accessToken())
                .json()
                .get("meta")
                .get("total")
                .asInt())
        .isEqualTo(2);

    long start = System.nanoTime();
    var deleted = Suite.api().delete("/api/v1/users/" + user.userId(), admin.accessToken());
    assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);

    boolean loginRejected = false;
    boolean tasksGone = false;
    long elapsedMs = 0;
    while (elapsedMs < PROPAGATION_LIMIT_MS && !(loginRejected && tasksGone)) {
      loginRejected = loginRejected || Suite.login(user.email(), user.password()).status() == 401;
      tasksGone =
          tasksGone
              || Suite.api()
                      .get(tasksOfUser, admin.accessToken())
                      .json()
                      .get("meta")
                      .get("total")
                      .asInt()
                  == 0;
      elapsedMs = (System.nanoTime() - start) / 1_000_000;
      if (!(loginRejected && tasksGone)) {
        Thread.sleep(100);
      }
    }
    System.out.printf(
        "e2e user deletion propagated in %d ms (login rejected: %s, tasks gone: %s)%n",
        elapsedMs, loginRejected, tasksGone);
    assertThat(loginRejected).as("login fails within %d ms", PROPAGATION_LIMIT_MS).isTrue();
    assertThat(tasksGone).as("tasks are gone within %d ms", PROPAGATION_LIMIT_MS).isTrue();
    assertThat(Suite.login(user.email(), user.password()).errorCode())
        .isEqualTo("INVALID_CREDENTIALS");
  }
}
