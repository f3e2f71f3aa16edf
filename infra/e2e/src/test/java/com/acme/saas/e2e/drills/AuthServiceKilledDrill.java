package com.acme.saas.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.e2e.Suite;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * auth-service is killed: access tokens issued before keep working through the gateway and the
 * services, which verify them with the keys they cached; login answers 503 at once; after the
 * restart login works again.
 */
class AuthServiceKilledDrill {

  @Test
  void tokensKeepWorkingAndLoginAnswers503FastWhileAuthServiceIsDown() throws InterruptedException {
    var user = Suite.register();
    // Both the gateway and task-service have verified this token, so both hold the key set.
    assertThat(
            Suite.api()
                .post("/api/v1/tasks", user.accessToken(), Map.of("title", "before the drill"))
                .status())
        .isEqualTo(201);

    LocalStack.stop("auth-service");
    try {
      for (int i = 0; i < 5; i++) {
        var me = Suite.api().get("/api/v1/users/me", user.accessToken());
        assertThat(me.status()).as("/users/me with auth-service down: %s", me).isEqualTo(200);
        assertThat(me.data().get("email").asString()).isEqualTo(user.email());
        if (i < 2) {
          // Two writes only: the e2e stack's free plan may allow just a few tasks.
          var created =
              Suite.api()
                  .post(
                      "/api/v1/tasks",
                      user.accessToken(),
                      Map.of("title", "while auth is down " + i));
          assertThat(created.status())
              .as("POST /tasks with auth-service down: %s", created)
              .isEqualTo(201);
        }
        assertThat(Suite.api().get("/api/v1/tasks", user.accessToken()).status()).isEqualTo(200);

        var login = Answers.timed(() -> Suite.login(user.email(), user.password()));
        Answers.assertUnavailableFast("login #" + i, login, Duration.ofSeconds(1));
      }
    } finally {
      LocalStack.start("auth-service");
    }

    long recoveredMs =
        Answers.awaitStatus(
            "login after the restart",
            200,
            Duration.ofSeconds(60),
            () -> Suite.login(user.email(), user.password()));
    System.out.printf(
        "drill auth-service-killed: login answered 200 again %d ms after auth-service was ready%n",
        recoveredMs);
    var tasks = Suite.api().get("/api/v1/tasks", user.accessToken());
    assertThat(tasks.json().get("meta").get("total").asInt()).isEqualTo(3);
  }
}
