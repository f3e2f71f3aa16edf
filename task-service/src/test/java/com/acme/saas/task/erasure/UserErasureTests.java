package com.acme.saas.task.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.task.TaskClient;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestUser;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The task-service half of user deletion: a UserDeleted envelope published to user-events exactly
 * as user-service's outbox relay publishes it (user-service's own tests prove that DELETE
 * /users/{id} puts that envelope there) empties the user's tasks.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "tasks.erasure.batch-size=2")
@RealInfrastructure
class UserErasureTests {

  @Autowired JdbcClient jdbc;

  @InjectApi TaskClient tasks;
  @InjectUser TestUser doomed;
  @InjectUser TestUser bystander;

  @Test
  void userDeletedEmptiesTheUsersTasksInBatchesAndForgetsThePlan() {
    for (int i = 0; i < 5; i++) {
      tasks.create(doomed.token(), "task " + i);
    }
    UUID kept = tasks.create(bystander.token(), "not mine to lose");
    SuiteEvents.publish(
        "billing-service", new SubscriptionChanged(doomed.id(), "pro", "active", null, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> plans(doomed.id()) == 1 && "pro".equals(plan(doomed.id())));

    EventEnvelope deleted = SuiteEvents.publish("user-service", new UserDeleted(doomed.id()));

    await().atMost(Duration.ofSeconds(20)).until(() -> processed(deleted));
    assertThat(tasksOf(doomed.id())).isZero();
    assertThat(plans(doomed.id())).isZero();
    assertThat(tasks.list(doomed.token(), "").json().path("meta").path("total").asLong()).isZero();
    assertThat(tasks.list(bystander.token(), "").data().get(0).path("id").asString())
        .isEqualTo(kept.toString());
  }

  @Test
  void redeliveredUserDeletedIsHarmless() {
    tasks.create(doomed.token(), "gone soon");
    UserDeleted event = new UserDeleted(doomed.id());
    EventEnvelope first = SuiteEvents.publish("user-service", event);
    await().atMost(Duration.ofSeconds(20)).until(() -> processed(first));
    UUID createdAfter = tasks.create(doomed.token(), "created after the erasure");

    SuiteEvents.publish("user-service", event, first);
    // The test topic has one partition, so once a later event is applied the redelivery was too.
    EventEnvelope marker = SuiteEvents.publish("user-service", new UserDeleted(UUID.randomUUID()));
    await().atMost(Duration.ofSeconds(20)).until(() -> processed(marker));

    assertThat(tasks.list(doomed.token(), "").data().get(0).path("id").asString())
        .isEqualTo(createdAfter.toString());
  }

  @Test
  void userDeletedForAnUnknownUserIsHarmless() {
    UUID kept = tasks.create(bystander.token(), "still here");

    EventEnvelope unknown = SuiteEvents.publish("user-service", new UserDeleted(UUID.randomUUID()));

    await().atMost(Duration.ofSeconds(20)).until(() -> processed(unknown));
    assertThat(tasks.list(bystander.token(), "").data().get(0).path("id").asString())
        .isEqualTo(kept.toString());
  }

  private boolean processed(EventEnvelope envelope) {
    return jdbc.sql("select count(*) from processed_events where event_id = :id")
            .param("id", envelope.eventId())
            .query(Long.class)
            .single()
        == 1;
  }

  private long tasksOf(UUID userId) {
    return jdbc.sql("select count(*) from tasks where user_id = :id")
        .param("id", userId)
        .query(Long.class)
        .single();
  }

  private long plans(UUID userId) {
    return jdbc.sql("select count(*) from user_plans where user_id = :id")
        .param("id", userId)
        .query(Long.class)
        .single();
  }

  private String plan(UUID userId) {
    return jdbc.sql("select plan from user_plans where user_id = :id")
        .param("id", userId)
        .query(String.class)
        .single();
  }
}
