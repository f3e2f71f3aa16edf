package com.acme.saas.user.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserRoleChanged;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RoleChangeTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;

  @InjectApi HttpApi http;

  @InjectUser(role = "ADMIN")
  TestUser admin;

  @BeforeEach
  void setUp() {
    jdbc.sql("delete from profiles").update();
    http.get("/api/v1/users/me", admin.token());
  }

  @Test
  void promotionChangesTheRoleAndTellsTheOtherServices() {
    UUID userId = user();

    HttpApi.Response response =
        http.patch("/api/v1/users/" + userId, admin.token(), Map.of("role", "ADMIN"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.data().path("role").asString()).isEqualTo("ADMIN");
    assertThat(http.get("/api/v1/users/" + userId, admin.token()).data().path("role").asString())
        .isEqualTo("ADMIN");
    ConsumerRecord<String, String> record =
        SuiteEvents.awaitEvent("user-service", UserRoleChanged.TYPE, userId);
    EventEnvelope envelope = SuiteEvents.envelope(record);
    assertThat(record.key()).isEqualTo(userId.toString());
    assertThat(envelope.version()).isEqualTo(1);
    assertThat(envelope.payload().path("role").asString()).isEqualTo("ADMIN");
  }

  @Test
  void demotionOfAnotherAdminIsAllowed() {
    UUID otherAdmin = UUID.randomUUID();
    http.get("/api/v1/users/me", TestTokens.admin(otherAdmin));

    HttpApi.Response response =
        http.patch("/api/v1/users/" + otherAdmin, admin.token(), Map.of("role", "USER"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.data().path("role").asString()).isEqualTo("USER");
  }

  @Test
  void unchangedRoleWritesNoEvent() {
    UUID userId = user();

    HttpApi.Response response =
        http.patch("/api/v1/users/" + userId, admin.token(), Map.of("role", "USER"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(outboxRows(userId)).isZero();
  }

  @Test
  void adminCannotDemoteItself() {
    http.get("/api/v1/users/me", TestTokens.admin(UUID.randomUUID()));

    HttpApi.Response response =
        http.patch("/api/v1/users/" + admin.id(), admin.token(), Map.of("role", "USER"));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.errorCode()).isEqualTo("CONFLICT");
    assertThat(http.get("/api/v1/users/me", admin.token()).data().path("role").asString())
        .isEqualTo("ADMIN");
  }

  @Test
  void lastAdminCannotBeDemoted() {
    // A second admin demoted by the first still holds a token that says ADMIN until it expires.
    UUID formerAdmin = UUID.randomUUID();
    String staleToken = TestTokens.admin(formerAdmin);
    http.get("/api/v1/users/me", staleToken);
    assertThat(
            http.patch("/api/v1/users/" + formerAdmin, admin.token(), Map.of("role", "USER"))
                .status())
        .isEqualTo(200);

    HttpApi.Response response =
        http.patch("/api/v1/users/" + admin.id(), staleToken, Map.of("role", "USER"));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.errorCode()).isEqualTo("CONFLICT");
    assertThat(http.get("/api/v1/users/me", admin.token()).data().path("role").asString())
        .isEqualTo("ADMIN");
    assertThat(outboxRows(admin.id())).isZero();
  }

  @Test
  void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
    UUID otherId = UUID.randomUUID();
    String other = TestTokens.admin(otherId);
    http.get("/api/v1/users/me", other);
    Future<HttpApi.Response> first;
    Future<HttpApi.Response> second;
    // A SHARE lock on profiles lets both requests count the admins but not update them, so
    // without the admin-set lock both would see two admins and both demotions would pass.
    try (Connection gate = dataSource.getConnection();
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      gate.setAutoCommit(false);
      try (Statement statement = gate.createStatement()) {
        statement.execute("lock table profiles in share mode");
      }
      first =
          pool.submit(
              () ->
                  HttpApi.local(port)
                      .patch("/api/v1/users/" + otherId, admin.token(), Map.of("role", "USER")));
      second =
          pool.submit(
              () ->
                  HttpApi.local(port)
                      .patch("/api/v1/users/" + admin.id(), other, Map.of("role", "USER")));
      await().atMost(Duration.ofSeconds(20)).until(() -> sessionsWaitingOnALock() >= 2);
      gate.commit();
    }

    assertThat(List.of(first.get().status(), second.get().status()))
        .containsExactlyInAnyOrder(200, 409);
    assertThat(
            jdbc.sql("select count(*) from profiles where role = 'ADMIN'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void adminsFlippingRolesAtOnceAllSucceed() throws Exception {
    // Each admin flips its own target between USER and ADMIN, so the admin set changes under
    // every request: changes that locked the admins' rows one by one deadlocked here.
    int flips = 20;
    List<UUID> targets = new ArrayList<>();
    List<Future<List<Integer>>> workers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        String token = TestTokens.admin(UUID.randomUUID());
        http.get("/api/v1/users/me", token);
        UUID target = user();
        targets.add(target);
        workers.add(
            pool.submit(
                () -> {
                  HttpApi client = HttpApi.local(port);
                  List<Integer> statuses = new ArrayList<>();
                  for (int n = 0; n < flips; n++) {
                    String role = n % 2 == 0 ? "ADMIN" : "USER";
                    statuses.add(
                        client
                            .patch("/api/v1/users/" + target, token, Map.of("role", role))
                            .status());
                  }
                  return statuses;
                }));
      }
    }

    for (Future<List<Integer>> worker : workers) {
      assertThat(worker.get()).containsOnly(200);
    }
    for (UUID target : targets) {
      assertThat(outboxRows(target)).as("one event per change of %s", target).isEqualTo(flips);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"role\": null}",
        "{\"role\": \"ROOT\"}",
        "{\"role\": \"admin\"}",
        "{\"role\": \"ADMIN\", \"email\": \"x@example.com\"}",
        "{\"name\": \"x\"}"
      })
  void invalidRoleChangeAnswers400(String body) {
    UUID userId = user();

    HttpApi.Response response = http.patch("/api/v1/users/" + userId, admin.token(), body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(http.get("/api/v1/users/" + userId, admin.token()).data().path("role").asString())
        .isEqualTo("USER");
  }

  @Test
  void unknownUserAnswers404() {
    HttpApi.Response response =
        http.patch("/api/v1/users/" + UUID.randomUUID(), admin.token(), Map.of("role", "ADMIN"));

    assertThat(response.status()).isEqualTo(404);
  }

  private UUID user() {
    UUID id = UUID.randomUUID();
    assertThat(http.get("/api/v1/users/me", TestTokens.user(id)).status()).isEqualTo(200);
    return id;
  }

  private long sessionsWaitingOnALock() {
    return jdbc.sql(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
        .query(Long.class)
        .single();
  }

  private long outboxRows(UUID userId) {
    return jdbc.sql("select count(*) from outbox where message_key = :key")
        .param("key", userId.toString())
        .query(Long.class)
        .single();
  }
}
