package com.acme.saas.flags.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.flags.FlagsApi;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The flags-service half of user deletion: UserDeleted, published as user-service's relay publishes
 * it, erases the user's overrides, plan and listings, and anonymises the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class UserErasureTests {

  @Autowired JdbcClient jdbc;

  @InjectApi FlagsApi flags;
  @InjectApi HttpApi http;
  UUID doomedId;
  UUID bystanderId;

  @BeforeEach
  void setUp() {
    doomedId = UUID.randomUUID();
    bystanderId = UUID.randomUUID();
  }

  @Test
  void userDeletedErasesOverridesPlanAndListingsButKeepsTheTrail() {
    flags.create(
        "erasure-listed",
        Map.of("userIds", List.of(doomedId, bystanderId), "rolloutPercentage", 0));
    flags.create("erasure-override", Map.of("rolloutPercentage", 0));
    flags.override("erasure-override", doomedId, true);
    flags.override("erasure-override", bystanderId, true);
    EventEnvelope upgraded =
        SuiteEvents.publish(
            "billing-service", new SubscriptionChanged(doomedId, "pro", "active", null, false));
    await().atMost(Duration.ofSeconds(20)).until(() -> processed(upgraded));

    EventEnvelope deleted = SuiteEvents.publish("user-service", new UserDeleted(doomedId));

    await().atMost(Duration.ofSeconds(20)).until(() -> processed(deleted));
    assertThat(
            http.get("/api/v1/flags/erasure-listed", flags.admin())
                .data()
                .path("userIds")
                .toString())
        .isEqualTo("[\"" + bystanderId + "\"]");
    assertThat(
            http.get("/api/v1/flags/erasure-override", flags.admin())
                .data()
                .path("overrides")
                .findValuesAsString("userId"))
        .containsExactly(bystanderId.toString());
    assertThat(count("select count(*) from user_plans where user_id = :id")).isZero();
    String doomed = TestTokens.user(doomedId);
    assertThat(flags.values(doomed).path("erasure-listed").asBoolean()).isFalse();
    assertThat(flags.values(doomed).path("erasure-override").asBoolean()).isFalse();
    assertThat(flags.values(TestTokens.user(bystanderId)).path("erasure-override").asBoolean())
        .isTrue();

    String listedTrail =
        http.get("/api/v1/flags/erasure-listed/audit", flags.admin()).data().toString();
    String overrideTrail =
        http.get("/api/v1/flags/erasure-override/audit", flags.admin()).data().toString();
    assertThat(listedTrail)
        .doesNotContain(doomedId.toString())
        .contains(UserDeletedListener.ERASED, bystanderId.toString());
    assertThat(overrideTrail)
        .doesNotContain(doomedId.toString())
        .contains(UserDeletedListener.ERASED);
    assertThat(count("select count(*) from flag_audit where :id = any(mentions)")).isZero();
  }

  @Test
  void erasedAdminIsReplacedByTheMarkerAsActor() {
    flags.create("erasure-actor", Map.of());

    EventEnvelope deleted = SuiteEvents.publish("user-service", new UserDeleted(flags.adminId()));

    await().atMost(Duration.ofSeconds(20)).until(() -> processed(deleted));
    assertThat(
            http.get("/api/v1/flags/erasure-actor/audit", flags.admin())
                .data()
                .get(0)
                .path("actorId")
                .asString())
        .isEqualTo(UserDeletedListener.ERASED);
  }

  @Test
  void redeliveredOrUnknownUserDeletedIsHarmless() {
    flags.create("erasure-repeat", Map.of("userIds", List.of(bystanderId)));
    UserDeleted unknown = new UserDeleted(UUID.randomUUID());

    EventEnvelope first = SuiteEvents.publish("user-service", unknown);
    EventEnvelope second = SuiteEvents.publish("user-service", unknown);

    await().atMost(Duration.ofSeconds(20)).until(() -> processed(first) && processed(second));
    assertThat(
            http.get("/api/v1/flags/erasure-repeat", flags.admin())
                .data()
                .path("userIds")
                .toString())
        .isEqualTo("[\"" + bystanderId + "\"]");
    assertThat(http.get("/api/v1/flags/erasure-repeat/audit", flags.admin()).data().size())
        .isEqualTo(1);
  }

  private boolean processed(EventEnvelope envelope) {
    return jdbc.sql("select count(*) from processed_events where event_id = :id")
            .param("id", envelope.eventId())
            .query(Long.class)
            .single()
        == 1;
  }

  private long count(String sql) {
    return jdbc.sql(sql).param("id", doomedId).query(Long.class).single();
  }
}
