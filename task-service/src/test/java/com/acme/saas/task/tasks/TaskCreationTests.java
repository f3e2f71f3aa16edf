package com.acme.saas.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.task.TaskClient;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestUser;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Creating a task: what is accepted, its defaults, and what a new task may not set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TaskCreationTests {

  @InjectApi HttpApi http;
  @InjectApi TaskClient tasks;
  @InjectUser TestUser user;

  @Test
  void createdTaskIsReturnedWithItsLocation() {
    HttpApi.Response response =
        http.post(
            "/api/v1/tasks",
            user.token(),
            Map.of(
                "title",
                "  Write report  ",
                "description",
                "Q3 numbers",
                "completed",
                true,
                "dueDate",
                "2026-12-24"));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode task = response.data();
    assertThat(response.header("Location"))
        .isEqualTo("/api/v1/tasks/" + task.path("id").asString());
    assertThat(task.path("userId").asString()).isEqualTo(user.id().toString());
    assertThat(task.path("title").asString()).isEqualTo("Write report");
    assertThat(task.path("description").asString()).isEqualTo("Q3 numbers");
    assertThat(task.path("completed").asBoolean()).isTrue();
    assertThat(task.path("dueDate").asString()).isEqualTo("2026-12-24");
    assertThat(task.path("createdAt").asString())
        .isNotBlank()
        .isEqualTo(task.path("updatedAt").asString());
  }

  @Test
  void newTaskDefaultsToOpenWithoutDescriptionOrDueDate() {
    JsonNode task = tasks.create(user.token(), Map.of("title", "Buy milk"));

    assertThat(task.path("completed").asBoolean()).isFalse();
    assertThat(task.path("description").isNull()).isTrue();
    assertThat(task.path("dueDate").isNull()).isTrue();
  }

  @Test
  void createdTaskCanBeReadBack() {
    UUID id = tasks.create(user.token(), "Buy milk");

    HttpApi.Response response = http.get("/api/v1/tasks/" + id, user.token());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.data().path("title").asString()).isEqualTo("Buy milk");
    assertThat(response.json().path("meta").path("timestamp").asString()).isNotBlank();
  }

  @Test
  void titleOfTwoHundredCharactersAfterTrimmingIsAccepted() {
    String title = "x".repeat(200);

    JsonNode task = tasks.create(user.token(), Map.of("title", "   " + title + "   "));

    assertThat(task.path("title").asString()).isEqualTo(title);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"title\": null}",
        "{\"title\": \"\"}",
        "{\"title\": \"   \"}",
        "{\"title\": \"ok\", \"dueDate\": \"24.12.2026\"}",
        "{\"title\": \"ok\", \"dueDate\": \"2026-02-30\"}",
        "{\"title\": \"ok\", \"dueDate\": \"+999999999-12-31\"}",
        "{\"title\": \"ok\", \"dueDate\": \"-0001-01-01\"}",
        "{\"title\": \"ok\", \"dueDate\": \"12026-01-01\"}",
        "{\"title\": \"ok\", \"dueDate\": 20261224}",
        "{\"title\": \"ok\", \"completed\": \"maybe\"}",
        "{\"title\": \"ok\",",
        "[]"
      })
  void invalidNewTaskAnswers400(String body) {
    HttpApi.Response response = http.post("/api/v1/tasks", user.token(), body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void titleLongerThan200AnswersValidationErrorOnTitle() {
    HttpApi.Response response =
        http.post("/api/v1/tasks", user.token(), Map.of("title", "x".repeat(201)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("title");
  }

  @Test
  void descriptionLongerThan5000Answers400() {
    HttpApi.Response ok =
        http.post(
            "/api/v1/tasks", user.token(), Map.of("title", "t", "description", "d".repeat(5000)));
    HttpApi.Response tooLong =
        http.post(
            "/api/v1/tasks", user.token(), Map.of("title", "t", "description", "d".repeat(5001)));

    assertThat(ok.status()).isEqualTo(201);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "userId", "createdAt", "updatedAt", "owner"})
  void bodyCannotSetServerOwnedFields(String field) {
    Map<String, Object> body = new HashMap<>(Map.of("title", "mine"));
    body.put(field, field.endsWith("At") ? "2020-01-01T00:00:00Z" : UUID.randomUUID().toString());

    HttpApi.Response created = http.post("/api/v1/tasks", user.token(), body);
    UUID id = tasks.create(user.token(), "existing");
    HttpApi.Response patched =
        http.patch("/api/v1/tasks/" + id, user.token(), Map.of(field, body.get(field)));

    assertThat(created.status()).as(created.toString()).isEqualTo(400);
    assertThat(created.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(patched.status()).as(patched.toString()).isEqualTo(400);
    assertThat(http.get("/api/v1/tasks/" + id, user.token()).data().path("userId").asString())
        .isEqualTo(user.id().toString());
    assertThat(tasks.list(user.token(), "").json().path("meta").path("total").asLong())
        .isEqualTo(1);
  }
}
