package com.acme.saas.task.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.task.TaskClient;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.acme.saas.testsupport.TestUser;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "tasks.free-limit=3")
@RealInfrastructure
class PlanQuotaTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;

  @InjectApi HttpApi http;
  @InjectApi TaskClient tasks;
  @InjectUser TestUser user;

  @Test
  void freeUserCannotCreatePastTheLimit() {
    fill(3);

    HttpApi.Response response =
        http.post("/api/v1/tasks", user.token(), Map.of("title", "one too many"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("PLAN_LIMIT_REACHED");
    assertThat(taskCount()).isEqualTo(3);
  }

  @Test
  void deletingATaskFreesASlot() {
    UUID first = fill(3).getFirst();
    http.delete("/api/v1/tasks/" + first, user.token());

    assertThat(http.post("/api/v1/tasks", user.token(), Map.of("title", "fits again")).status())
        .isEqualTo(201);
  }

  @Test
  void limitCountsEachUserSeparately() {
    fill(3);

    assertThat(
            http.post("/api/v1/tasks", TestTokens.user(UUID.randomUUID()), Map.of("title", "mine"))
                .status())
        .isEqualTo(201);
  }

  @Test
  void concurrentCreatesAtTheLastSlotLetOnlyOneThrough() throws Exception {
    fill(2);
    int racers = 6;
    List<Future<HttpApi.Response>> results = new ArrayList<>();
    // The test holds a SHARE lock on tasks, which lets the racers read (count) but not insert,
    // so every racer that is not stopped before counting counts the same two tasks. Only once
    // all of them wait on a lock is the table released: without the plan row lock all six would
    // count two and insert.
    try (Connection gate = dataSource.getConnection();
        ExecutorService pool = Executors.newFixedThreadPool(racers)) {
      gate.setAutoCommit(false);
      try (Statement statement = gate.createStatement()) {
        statement.execute("lock table tasks in share mode");
      }
      for (int i = 0; i < racers; i++) {
        results.add(
            pool.submit(
                () ->
                    HttpApi.local(port)
                        .post("/api/v1/tasks", user.token(), Map.of("title", "race"))));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> sessionsWaitingOnALock() >= racers);
      gate.commit();
    }
    List<Integer> statuses = results.stream().map(PlanQuotaTests::status).toList();

    assertThat(statuses).containsOnly(201, 403).filteredOn(s -> s == 201).hasSize(1);
    assertThat(taskCount()).isEqualTo(3);
  }

  @Test
  void paidPlanHasNoCapAndALapsedOneFallsBackToFree() {
    fill(3);

    SuiteEvents.publish("billing-service", subscription("pro", "active"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(plan()).isEqualTo("pro"));
    assertThat(http.post("/api/v1/tasks", user.token(), Map.of("title", "fourth")).status())
        .isEqualTo(201);
    assertThat(http.post("/api/v1/tasks", user.token(), Map.of("title", "fifth")).status())
        .isEqualTo(201);

    SuiteEvents.publish("billing-service", subscription("pro", "past_due"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(plan()).isEqualTo("free"));
    HttpApi.Response response = http.post("/api/v1/tasks", user.token(), Map.of("title", "sixth"));
    assertThat(response.errorCode()).isEqualTo("PLAN_LIMIT_REACHED");
    assertThat(taskCount()).isEqualTo(5);
  }

  /**
   * The suite's one rule: a subscription's plan counts while it is active or trialing, else free.
   */
  @ParameterizedTest(name = "{0} holds the {1} quota")
  @CsvSource({
    "active, pro",
    "trialing, pro",
    "past_due, free",
    "unpaid, free",
    "incomplete, free",
    "incomplete_expired, free",
    "paused, free",
    "canceled, free"
  })
  void everyStripeStatusFollowsTheEffectivePlanRule(String status, String quota) {
    SuiteEvents.publish("billing-service", subscription("team", "active"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(plan()).isEqualTo("team"));

    SuiteEvents.publish("billing-service", subscription("pro", status));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(plan()).isEqualTo(quota));
  }

  private List<UUID> fill(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> tasks.create(user.token(), "task " + i))
        .toList();
  }

  private SubscriptionChanged subscription(String plan, String status) {
    return new SubscriptionChanged(
        user.id(), plan, status, Instant.now().plus(Duration.ofDays(30)), false);
  }

  private long sessionsWaitingOnALock() {
    return jdbc.sql(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
        .query(Long.class)
        .single();
  }

  private long taskCount() {
    return tasks.list(user.token(), "").json().path("meta").path("total").asLong();
  }

  private String plan() {
    return jdbc.sql("select plan from user_plans where user_id = :id")
        .param("id", user.id())
        .query(String.class)
        .optional()
        .orElse("none");
  }

  private static int status(Future<HttpApi.Response> result) {
    try {
      return result.get().status();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
