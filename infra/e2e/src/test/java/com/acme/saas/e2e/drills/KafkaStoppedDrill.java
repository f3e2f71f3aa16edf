package com.acme.saas.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.e2e.Suite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kafka is stopped while an admin deletes a user and admins change roles 1,000 times. The API keeps
 * answering (the events wait in user-service's outbox); once Kafka is back every event reaches its
 * consumers and is applied exactly once: counted in auth-service's and task-service's inboxes, and
 * seen by the users (the final roles, the deleted user's login and tasks).
 */
class KafkaStoppedDrill {

  /**
   * Each admin changes its target's role this often: 20 × 50 = 1,000 events, each admin within the
   * per-user limit of 100 a minute.
   */
  private static final int ADMINS = 20;

  private static final int CHANGES_PER_TARGET = 50;
  private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);

  @Test
  void everyEventWrittenWhileKafkaIsDownIsAppliedOnceItIsBack() throws Exception {
    var seededAdmin = Suite.admin();
    List<Suite.Session> admins = new ArrayList<>();
    List<Suite.Session> targets = new ArrayList<>();
    for (int i = 0; i < ADMINS; i++) {
      admins.add(Suite.register());
      targets.add(Suite.register());
    }
    for (var admin : admins) {
      assertThat(
              Suite.api()
                  .patch(
                      "/api/v1/users/" + admin.userId(),
                      seededAdmin.accessToken(),
                      Map.of("role", "ADMIN"))
                  .status())
          .isEqualTo(200);
    }
    // The promotions travel over Kafka to auth-service; a login after that carries the ADMIN role.
    List<String> adminTokens = new ArrayList<>();
    for (var admin : admins) {
      var token = new String[1];
      Answers.await(
          "a login of " + admin.email() + " with the ADMIN role",
          Duration.ofSeconds(30),
          () -> {
            var login = Suite.login(admin.email(), admin.password());
            boolean isAdmin =
                login.status() == 200
                    && "ADMIN".equals(login.data().get("user").get("role").asString());
            token[0] = isAdmin ? login.data().get("accessToken").asString() : null;
            return isAdmin;
          });
      adminTokens.add(token[0]);
    }
    var doomed = Suite.register();
    for (int i = 1; i <= 2; i++) {
      assertThat(
              Suite.api()
                  .post("/api/v1/tasks", doomed.accessToken(), Map.of("title", "doomed " + i))
                  .status())
          .isEqualTo(201);
    }
    String tasksOfDoomed = "/api/v1/admin/tasks?userId=" + doomed.userId();
    assertThat(total(tasksOfDoomed, seededAdmin)).isEqualTo(2);
    String drillStart = LocalStack.sql("select now()::text");

    long kafkaStarting;
    LocalStack.stop("kafka");
    try {
      long writeStart = System.nanoTime();
      assertThat(
              Suite.api()
                  .delete("/api/v1/users/" + doomed.userId(), seededAdmin.accessToken())
                  .status())
          .isEqualTo(204);
      List<Future<?>> writers = new ArrayList<>();
      try (var pool = Executors.newFixedThreadPool(4)) {
        for (int i = 0; i < ADMINS; i++) {
          String adminToken = adminTokens.get(i);
          var target = targets.get(i);
          int changes = changesOf(i);
          writers.add(
              pool.submit(
                  () -> {
                    for (int n = 0; n < changes; n++) {
                      String role = n % 2 == 0 ? "ADMIN" : "USER";
                      var changed =
                          Suite.api()
                              .patch(
                                  "/api/v1/users/" + target.userId(),
                                  adminToken,
                                  Map.of("role", role));
                      assertThat(changed.status())
                          .as("role change %d with Kafka down: %s", n, changed)
                          .isEqualTo(200);
                    }
                  }));
        }
        for (Future<?> writer : writers) {
          writer.get(120, TimeUnit.SECONDS);
        }
      }
      System.out.printf(
          "drill kafka-stopped: 1 deletion and %d role changes written in %d ms with Kafka down%n",
          ADMINS * CHANGES_PER_TARGET, (System.nanoTime() - writeStart) / 1_000_000);
      assertThat(pendingInUsersOutbox(drillStart))
          .as("the events wait in user-service's outbox")
          .isEqualTo(1 + ADMINS * CHANGES_PER_TARGET);
    } finally {
      // The catch-up time counts from here: the broker's own start is part of it.
      kafkaStarting = System.nanoTime();
      LocalStack.start("kafka");
    }

    String written = "select event_id from users.outbox where created_at >= '" + drillStart + "'";
    int expected = 1 + ADMINS * CHANGES_PER_TARGET;
    long catchUpMs =
        Answers.await(
            "auth-service and task-service applying the events written while Kafka was down",
            CATCH_UP_LIMIT,
            () ->
                count(
                            "select count(*) from auth.processed_events where event_id in ("
                                + written
                                + ")")
                        >= expected
                    && count(
                            "select count(*) from tasks.processed_events where event_id in ("
                                + written
                                + ")")
                        >= 1);
    System.out.printf(
        "drill kafka-stopped: %d events applied %d ms after infra/dev/start kafka began (%d ms after it returned)%n",
        expected, (System.nanoTime() - kafkaStarting) / 1_000_000, catchUpMs);

    assertThat(
            LocalStack.sql(
                "select count(*) from users.outbox where created_at >= '" + drillStart + "'"))
        .as("exactly the events written")
        .isEqualTo(Integer.toString(expected));
    assertThat(pendingInUsersOutbox(drillStart)).as("every event sent").isZero();
    assertThat(
            LocalStack.sql(
                "select count(*) from auth.processed_events where event_id in (" + written + ")"))
        .as("auth-service applied every event once")
        .isEqualTo(Integer.toString(expected));
    assertThat(
            count(
                "select count(*) from tasks.processed_events where event_id in (" + written + ")"))
        .as("task-service applied the deletion once")
        .isEqualTo(1);
    // Each target had an odd number of changes, starting with ADMIN: applied in order and once
    // each, they end at ADMIN, as in user-service; the new role shows at the next login.
    for (var target : targets) {
      var login = Suite.login(target.email(), target.password());
      assertThat(login.status()).as("%s", login).isEqualTo(200);
      assertThat(login.data().get("user").get("role").asString()).isEqualTo("ADMIN");
      assertThat(
              Suite.api().get("/api/v1/users", login.data().get("accessToken").asString()).status())
          .isEqualTo(200);
    }
    assertThat(Suite.login(doomed.email(), doomed.password()).errorCode())
        .isEqualTo("INVALID_CREDENTIALS");
    assertThat(total(tasksOfDoomed, seededAdmin)).as("the deleted user's tasks are gone").isZero();
  }

  /** 51 and 49 changes in turn: 1,000 in all, an odd number each. */
  private static int changesOf(int target) {
    return target % 2 == 0 ? CHANGES_PER_TARGET + 1 : CHANGES_PER_TARGET - 1;
  }

  private static int count(String query) {
    return Integer.parseInt(LocalStack.sql(query));
  }

  private static int total(String path, Suite.Session admin) {
    var page = Suite.api().get(path, admin.accessToken());
    assertThat(page.status()).as("%s", page).isEqualTo(200);
    return page.json().get("meta").get("total").asInt();
  }

  private static int pendingInUsersOutbox(String since) {
    return Integer.parseInt(
        LocalStack.sql(
            "select count(*) from users.outbox where sent_at is null and created_at >= '"
                + since
                + "'"));
  }
}
