package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task CRUD through the gateway, with pagination and ownership. */
class TaskJourneyTests {

  @Test
  void aUserCreatesReadsUpdatesListsAndDeletesTasks() {
    var session = Suite.register();
    String token = session.accessToken();
    var created =
        Suite.api()
            .post(
                "/api/v1/tasks",
                token,
                Map.of("title", "Write the report", "dueDate", "2030-01-31"));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.data().get("id").asString();
    assertThat(created.data().get("userId").asString()).isEqualTo(session.userId());
    assertThat(created.data().get("completed").asBoolean()).isFalse();

    var updated = Suite.api().patch("/api/v1/tasks/" + id, token, Map.of("completed", true));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(Suite.api().get("/api/v1/tasks/" + id, token).data().get("completed").asBoolean())
        .isTrue();

    assertThat(Suite.api().delete("/api/v1/tasks/" + id, token).status()).isEqualTo(204);
    assertThat(Suite.api().get("/api/v1/tasks/" + id, token).status()).isEqualTo(404);
  }

  @Test
  void theTaskListIsPaginated() {
    String token = Suite.register().accessToken();
    for (int i = 1; i <= 3; i++) {
      assertThat(Suite.api().post("/api/v1/tasks", token, Map.of("title", "task " + i)).status())
          .isEqualTo(201);
    }
    var page = Suite.api().get("/api/v1/tasks?page=2&pageSize=2", token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.data().size()).isEqualTo(1);
    assertThat(page.json().get("meta").get("total").asInt()).isEqualTo(3);
    assertThat(page.json().get("meta").get("totalPages").asInt()).isEqualTo(2);
    assertThat(Suite.api().get("/api/v1/tasks?pageSize=101", token).errorCode())
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void anotherUsersTaskIsNotFound() {
    String owner = Suite.register().accessToken();
    String stranger = Suite.register().accessToken();
    String id =
        Suite.api()
            .post("/api/v1/tasks", owner, Map.of("title", "private"))
            .data()
            .get("id")
            .asString();

    var response = Suite.api().get("/api/v1/tasks/" + id, stranger);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(Suite.api().delete("/api/v1/tasks/" + id, stranger).status()).isEqualTo(404);
  }
}
