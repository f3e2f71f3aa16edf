package com.acme.saas.flags.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.flags.FlagsApi;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.acme.saas.testsupport.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** Plan targeting follows billing-service's SubscriptionChanged events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PlanTargetingTests {

  @InjectApi FlagsApi flags;
  @InjectUser TestUser user;

  @Test
  void userIsFreeUntilASubscriptionSaysOtherwise() {
    flags.create("pro-feature", Map.of("plans", List.of("pro")));
    flags.create("free-feature", Map.of("plans", List.of("free")));

    assertThat(flags.values(user.token()).path("pro-feature").asBoolean()).isFalse();
    assertThat(flags.values(user.token()).path("free-feature").asBoolean()).isTrue();
  }

  @Test
  void activeSubscriptionTurnsPlanTargetingOnAndALapsedOneOff() {
    flags.create("pro-dashboard", Map.of("plans", List.of("pro", "team")));

    SuiteEvents.publish("billing-service", subscription("pro", "active"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> flags.values(user.token()).path("pro-dashboard").asBoolean());

    SuiteEvents.publish("billing-service", subscription("pro", "past_due"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !flags.values(user.token()).path("pro-dashboard").asBoolean());

    SuiteEvents.publish("billing-service", subscription("team", "trialing"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> flags.values(user.token()).path("pro-dashboard").asBoolean());
  }

  @Test
  void anotherUsersSubscriptionChangesNothingForTheCaller() {
    flags.create("team-only", Map.of("plans", List.of("team")));
    UUID other = UUID.randomUUID();

    SuiteEvents.publish(
        "billing-service", new SubscriptionChanged(other, "team", "active", null, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> flags.values(TestTokens.user(other)).path("team-only").asBoolean());

    assertThat(flags.values(user.token()).path("team-only").asBoolean()).isFalse();
  }

  private SubscriptionChanged subscription(String plan, String status) {
    return new SubscriptionChanged(
        user.id(), plan, status, Instant.now().plus(Duration.ofDays(30)), false);
  }
}
