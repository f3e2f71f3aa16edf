package com.acme.saas.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.e2e.Suite;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * task-service is killed: its routes answer 503 SERVICE_UNAVAILABLE with Retry-After at once, other
 * routes answer as before, and once it is back and the gateway's breaker closes again its routes
 * answer 200.
 */
class ServiceKilledDrill {

  private static final Duration FAST = Duration.ofSeconds(1);

  @Test
  void aKilledServicesRoutesAnswer503FastAndRecoverAfterItsRestart() throws InterruptedException {
    var user = Suite.register();
    assertThat(
            Suite.api()
                .post("/api/v1/tasks", user.accessToken(), Map.of("title", "before the drill"))
                .status())
        .isEqualTo(201);

    LocalStack.stop("task-service");
    try {
      // Past the breaker's minimum of calls, so both the refused connections and the open circuit
      // answer.
      for (int i = 0; i < 15; i++) {
        var tasks = Answers.timed(() -> Suite.api().get("/api/v1/tasks", user.accessToken()));
        Answers.assertUnavailableFast("GET /api/v1/tasks #" + i, tasks, FAST);
        var create =
            Answers.timed(
                () ->
                    Suite.api()
                        .post("/api/v1/tasks", user.accessToken(), Map.of("title", "while down")));
        Answers.assertUnavailableFast("POST /api/v1/tasks #" + i, create, FAST);
        var me = Answers.timed(() -> Suite.api().get("/api/v1/users/me", user.accessToken()));
        assertThat(me.response().status())
            .as("/users/me while task-service is down: %s", me.response())
            .isEqualTo(200);
      }
    } finally {
      LocalStack.start("task-service");
    }

    // The breaker opened above; it lets a trial call through after its open duration (10 s).
    long recoveredMs =
        Answers.awaitStatus(
            "GET /api/v1/tasks after the restart",
            200,
            Duration.ofSeconds(60),
            () -> Suite.api().get("/api/v1/tasks", user.accessToken()));
    System.out.printf(
        "drill service-killed: /api/v1/tasks answered 200 again %d ms after task-service was ready%n",
        recoveredMs);
    var tasks = Suite.api().get("/api/v1/tasks", user.accessToken());
    assertThat(tasks.json().get("meta").get("total").asInt())
        .as("nothing written while down: %s", tasks)
        .isEqualTo(1);
  }
}
