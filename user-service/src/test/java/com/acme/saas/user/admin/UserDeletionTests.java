package com.acme.saas.user.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.Topics;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.acme.saas.testsupport.TestUser;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The user-service half of user deletion: DELETE /users/{id} puts a UserDeleted envelope on
 * user-events. task-service's UserErasureTests publishes that same envelope and proves the tasks
 * go, so together they cover the chain across the two services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class UserDeletionTests {

  @Autowired JdbcClient jdbc;

  @InjectApi HttpApi http;

  @InjectUser(role = "ADMIN")
  TestUser admin;

  @BeforeEach
  void setUp() {
    jdbc.sql("delete from profiles").update();
    http.get("/api/v1/users/me", admin.token());
  }

  @Test
  void deletedUserIsGoneAndUserDeletedIsPublished() {
    UUID userId = UUID.randomUUID();
    http.get("/api/v1/users/me", TestTokens.user(userId));

    HttpApi.Response response = http.delete("/api/v1/users/" + userId, admin.token());

    assertThat(response.status()).as(response.toString()).isEqualTo(204);
    assertThat(response.text()).isEmpty();
    assertThat(http.get("/api/v1/users/" + userId, admin.token()).status()).isEqualTo(404);
    ConsumerRecord<String, String> record =
        SuiteEvents.awaitEvent("user-service", UserDeleted.TYPE, userId);
    EventEnvelope envelope = SuiteEvents.envelope(record);
    assertThat(record.topic()).isEqualTo(Topics.USER_EVENTS);
    assertThat(record.key()).isEqualTo(userId.toString());
    assertThat(envelope.version()).isEqualTo(1);
    assertThat(envelope.eventId()).isNotNull();
    assertThat(envelope.occurredAt()).isNotNull();
  }

  @Test
  void adminCannotDeleteItself() {
    http.get("/api/v1/users/me", TestTokens.admin(UUID.randomUUID()));

    HttpApi.Response response = http.delete("/api/v1/users/" + admin.id(), admin.token());

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.errorCode()).isEqualTo("CONFLICT");
    assertThat(http.get("/api/v1/users/" + admin.id(), admin.token()).status()).isEqualTo(200);
    assertThat(outboxRows(admin.id())).isZero();
  }

  @Test
  void lastAdminCannotBeDeleted() {
    UUID formerAdmin = UUID.randomUUID();
    String staleToken = TestTokens.admin(formerAdmin);
    http.get("/api/v1/users/me", staleToken);
    http.patch("/api/v1/users/" + formerAdmin, admin.token(), Map.of("role", "USER"));

    HttpApi.Response response = http.delete("/api/v1/users/" + admin.id(), staleToken);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.errorCode()).isEqualTo("CONFLICT");
    assertThat(http.get("/api/v1/users/" + admin.id(), admin.token()).status()).isEqualTo(200);
    assertThat(outboxRows(admin.id())).isZero();
  }

  @Test
  void unknownUserAnswers404() {
    UUID unknown = UUID.randomUUID();

    HttpApi.Response response = http.delete("/api/v1/users/" + unknown, admin.token());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(outboxRows(unknown)).isZero();
  }

  private long outboxRows(UUID userId) {
    return jdbc.sql("select count(*) from outbox where message_key = :key")
        .param("key", userId.toString())
        .query(Long.class)
        .single();
  }
}
