package com.acme.saas.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.e2e.ErrorCatalogue;
import com.acme.saas.e2e.Suite;
import com.acme.saas.testsupport.HttpApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * task-service's database sessions are cut (pg_terminate_backend on its role's sessions) while
 * requests run: a request that was using a cut session fails with 503 SERVICE_UNAVAILABLE and
 * Retry-After in the envelope, none hangs, and the service answers again by itself within seconds,
 * without a restart.
 */
class DatabaseCutDrill {

  private static final int CLIENTS = 4;
  private static final Duration REQUEST_LIMIT = Duration.ofSeconds(10);
  // Read before the cut, while every service answers.
  private static final Set<String> CATALOGUE = ErrorCatalogue.codes();

  @Test
  void requestsDuringACutFailCleanlyAndTheServiceRecoversWithoutARestart() throws Exception {
    List<Suite.Session> users = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      users.add(Suite.register());
    }
    var answers = new ConcurrentLinkedQueue<Answers.Timed>();
    var running = new AtomicBoolean(true);
    List<Future<?>> clients = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
      for (var user : users) {
        clients.add(
            pool.submit(
                () -> {
                  int n = 0;
                  while (running.get()) {
                    // A write and its removal (the free plan's quota stays free), then a read;
                    // about 45
                    // requests per user, within the gateway's per-user limit of 100 a minute.
                    String title = "during the cut " + n++;
                    var created =
                        Answers.timed(
                            () ->
                                Suite.api()
                                    .post(
                                        "/api/v1/tasks",
                                        user.accessToken(),
                                        Map.of("title", title)));
                    answers.add(created);
                    if (created.response().status() == 201) {
                      String id = created.response().data().get("id").asString();
                      answers.add(
                          Answers.timed(
                              () -> Suite.api().delete("/api/v1/tasks/" + id, user.accessToken())));
                    }
                    answers.add(
                        Answers.timed(
                            () -> Suite.api().get("/api/v1/tasks?size=5", user.accessToken())));
                    sleep(200);
                  }
                }));
      }
      sleep(1_000);
      int cut = 0;
      for (int i = 0; i < 3; i++) {
        cut += LocalStack.terminateSessionsOf("task_service");
        sleep(300);
      }
      System.out.printf("drill database-cut: terminated %d sessions of task_service%n", cut);
      assertThat(cut).as("task-service had database sessions to cut").isPositive();
      sleep(1_000);
      running.set(false);
      for (Future<?> client : clients) {
        client.get(30, TimeUnit.SECONDS);
      }
    }

    Map<String, Integer> failures = new TreeMap<>();
    for (var answer : answers) {
      HttpApi.Response response = answer.response();
      assertThat(answer.millis())
          .as("no request hangs: %s", response)
          .isLessThan(REQUEST_LIMIT.toMillis());
      if (response.status() >= 400) {
        failures.merge(response.status() + " " + response.errorCode(), 1, Integer::sum);
        assertThat(response.header("Content-Type"))
            .as("an envelope, not a page: %s", response)
            .contains("application/json");
        assertThat(response.errorCode()).as("a catalogued error: %s", response).isIn(CATALOGUE);
        assertThat(response.status())
            .as("the database's fault, told as one a retry may fix: %s", response)
            .isEqualTo(503);
        assertThat(response.header("Retry-After")).as("%s", response).isNotBlank();
        assertThat(response.text())
            .as("no internals leak: %s", response)
            .doesNotContain("SQLException", "org.postgresql", "at com.", "terminating connection");
      } else {
        assertThat(response.status()).as("%s", response).isIn(200, 201, 204);
      }
    }
    System.out.printf(
        "drill database-cut: %d requests, failed with a catalogued error: %s%n",
        answers.size(), failures);

    var user = users.getFirst();
    long recoveredMs =
        Answers.awaitStatus(
            "POST /api/v1/tasks after the cut",
            201,
            Duration.ofSeconds(10),
            () ->
                Suite.api()
                    .post("/api/v1/tasks", user.accessToken(), Map.of("title", "after the cut")));
    assertThat(Suite.api().get("/api/v1/tasks", user.accessToken()).status()).isEqualTo(200);
    System.out.printf(
        "drill database-cut: task-service answered 201 again %d ms after the last cut%n",
        recoveredMs);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
