package com.acme.saas.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.task.TaskClient;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestUser;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Changing a task with PATCH: only the named fields change, and a bad patch changes nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TaskUpdateTests {

  @InjectApi HttpApi http;
  @InjectApi TaskClient tasks;
  @InjectUser TestUser user;

  @Test
  void patchChangesOnlyTheFieldsItNames() {
    JsonNode task =
        tasks.create(
            user.token(),
            Map.of("title", "Old", "description", "keep me", "dueDate", "2026-05-01"));

    HttpApi.Response response =
        http.patch(
            "/api/v1/tasks/" + task.path("id").asString(), user.token(), Map.of("completed", true));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode patched = response.data();
    assertThat(patched.path("completed").asBoolean()).isTrue();
    assertThat(patched.path("title").asString()).isEqualTo("Old");
    assertThat(patched.path("description").asString()).isEqualTo("keep me");
    assertThat(patched.path("dueDate").asString()).isEqualTo("2026-05-01");
    assertThat(patched.path("createdAt").asString()).isEqualTo(task.path("createdAt").asString());
    assertThat(patched.path("updatedAt").asString())
        .isNotEqualTo(task.path("updatedAt").asString());
  }

  @Test
  void patchWithExplicitNullClearsDescriptionAndDueDate() {
    JsonNode task =
        tasks.create(
            user.token(), Map.of("title", "T", "description", "d", "dueDate", "2026-05-01"));

    HttpApi.Response response =
        http.patch(
            "/api/v1/tasks/" + task.path("id").asString(),
            user.token(),
            "{\"description\": null, \"dueDate\": null}");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.data().path("description").isNull()).isTrue();
    assertThat(response.data().path("dueDate").isNull()).isTrue();
    assertThat(response.data().path("title").asString()).isEqualTo("T");
  }

  @Test
  void patchTrimsAndChangesTitle() {
    UUID id = tasks.create(user.token(), "Old");

    HttpApi.Response response =
        http.patch(
            "/api/v1/tasks/" + id,
            user.token(),
            Map.of("title", "  New  ", "dueDate", "2027-01-31"));

    assertThat(response.data().path("title").asString()).isEqualTo("New");
    assertThat(response.data().path("dueDate").asString()).isEqualTo("2027-01-31");
    assertThat(http.get("/api/v1/tasks/" + id, user.token()).data().path("title").asString())
        .isEqualTo("New");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"title\": null}",
        "{\"title\": \"  \"}",
        "{\"completed\": null}",
        "{\"dueDate\": \"tomorrow\"}"
      })
  void invalidPatchAnswers400AndChangesNothing(String body) {
    UUID id = tasks.create(user.token(), "Unchanged");

    HttpApi.Response response = http.patch("/api/v1/tasks/" + id, user.token(), body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(http.get("/api/v1/tasks/" + id, user.token()).data().path("title").asString())
        .isEqualTo("Unchanged");
  }

  @Test
  void patchWithTooLongDescriptionAnswers400() {
    UUID id = tasks.create(user.token(), "T");

    HttpApi.Response response =
        http.patch("/api/v1/tasks/" + id, user.token(), Map.of("description", "d".repeat(5001)));

    assertThat(response.status()).isEqualTo(400);
  }
}
