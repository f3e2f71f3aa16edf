package com.acme.saas.user.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserRegistered;
import com.acme.saas.testevents.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.acme.saas.testsupport.TestUser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class MyProfileTests {

  @Autowired JdbcClient jdbc;

  @InjectApi HttpApi http;
  @InjectUser TestUser user;

  @Test
  void profileBeforeTheRegistrationEventComesFromTheToken() {
    HttpApi.Response response = http.get("/api/v1/users/me", user.token());

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode profile = response.data();
    assertThat(profile.path("id").asString()).isEqualTo(user.id().toString());
    assertThat(profile.path("email").asString()).isEqualTo("user-" + user.id() + "@example.com");
    assertThat(profile.path("name").asString()).isEqualTo("user-" + user.id());
    assertThat(profile.path("role").asString()).isEqualTo("USER");
    assertThat(profile.path("plan").asString()).isEqualTo("free");
    assertThat(profile.path("createdAt").asString()).isNotBlank();
    assertThat(profile.path("updatedAt").asString()).isNotBlank();
    assertThat(http.get("/api/v1/users/me", user.token()).data().path("createdAt"))
        .isEqualTo(profile.path("createdAt"));
  }

  @Test
  void lateRegistrationEventFillsInTheRegisteredName() {
    http.get("/api/v1/users/me", user.token());

    registered("Ada Lovelace");

    assertThat(http.get("/api/v1/users/me", user.token()).data().path("name").asString())
        .isEqualTo("Ada Lovelace");
  }

  @Test
  void profileComesFromUserRegistered() {
    registered("Grace Hopper");

    JsonNode profile = http.get("/api/v1/users/me", user.token()).data();

    assertThat(profile.path("name").asString()).isEqualTo("Grace Hopper");
    assertThat(profile.path("email").asString()).isEqualTo("grace-" + user.id() + "@example.com");
    assertThat(profile.path("role").asString()).isEqualTo("USER");
  }

  @Test
  void repeatedRegistrationDoesNotOverwriteTheProfile() {
    registered("Grace Hopper");
    http.patch("/api/v1/users/me", user.token(), Map.of("name", "Amazing Grace"));

    registered("Someone Else");

    assertThat(http.get("/api/v1/users/me", user.token()).data().path("name").asString())
        .isEqualTo("Amazing Grace");
    assertThat(
            jdbc.sql("select count(*) from profiles where id = :id")
                .param("id", user.id())
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void adminTokenGivesAnAdminProfile() {
    assertThat(
            http.get("/api/v1/users/me", TestTokens.admin(user.id()))
                .data()
                .path("role")
                .asString())
        .isEqualTo("ADMIN");
  }

  @Test
  void renameTrimsTheName() {
    HttpApi.Response response =
        http.patch("/api/v1/users/me", user.token(), Map.of("name", "  Ada  "));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.data().path("name").asString()).isEqualTo("Ada");
    assertThat(http.get("/api/v1/users/me", user.token()).data().path("name").asString())
        .isEqualTo("Ada");
  }

  @Test
  void nameOfHundredCharactersIsAccepted() {
    String name = "n".repeat(100);

    assertThat(
            http.patch("/api/v1/users/me", user.token(), Map.of("name", name))
                .data()
                .path("name")
                .asString())
        .isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"name\": null}",
        "{\"name\": \"   \"}",
        "{\"name\": \"ok\", \"role\": \"ADMIN\"}",
        "{\"name\": \"ok\", \"email\": \"boss@example.com\"}",
        "{\"name\": \"ok\", \"plan\": \"team\"}",
        "{\"id\": \"00000000-0000-0000-0000-000000000001\"}",
        "{\"role\": \"ADMIN\"}"
      })
  void renameAcceptsTheNameOnly(String body) {
    HttpApi.Response response = http.patch("/api/v1/users/me", user.token(), body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    JsonNode profile = http.get("/api/v1/users/me", user.token()).data();
    assertThat(profile.path("role").asString()).isEqualTo("USER");
    assertThat(profile.path("plan").asString()).isEqualTo("free");
    assertThat(profile.path("name").asString()).isEqualTo("user-" + user.id());
  }

  @Test
  void nameLongerThan100IsRejected() {
    HttpApi.Response response =
        http.patch("/api/v1/users/me", user.token(), Map.of("name", "n".repeat(101)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("name");
  }

  @Test
  void profileNeedsAToken() {
    assertThat(http.get("/api/v1/users/me", null).errorCode()).isEqualTo("TOKEN_MISSING");
  }

  private void registered(String name) {
    EventEnvelope envelope =
        SuiteEvents.publish(
            "auth-service",
            new UserRegistered(user.id(), "grace-" + user.id() + "@example.com", name, "USER"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql("select count(*) from processed_events where event_id = :id")
                        .param("id", envelope.eventId())
                        .query(Long.class)
                        .single()
                    == 1);
  }
}
