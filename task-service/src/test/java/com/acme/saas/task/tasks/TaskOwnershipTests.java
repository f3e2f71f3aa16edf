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
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TaskOwnershipTests {

  @InjectApi HttpApi http;
  @InjectApi TaskClient tasks;
  @InjectUser TestUser alice;
  @InjectUser TestUser bob;

  @InjectUser(role = "ADMIN")
  TestUser admin;

  @Test
  void anotherUsersTaskAnswers404LikeAMissingOne() {
    UUID id = tasks.create(alice.token(), "Alice's secret");

    HttpApi.Response foreign = http.get("/api/v1/tasks/" + id, bob.token());
    HttpApi.Response missing = http.get("/api/v1/tasks/" + UUID.randomUUID(), bob.token());

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(foreign.json().path("error").path("message").asString())
        .isEqualTo("Task " + id + " does not exist");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo(foreign.errorCode());
  }

  @Test
  void anotherUsersTaskCannotBeChanged() {
    UUID id = tasks.create(alice.token(), "Alice's");

    HttpApi.Response response =
        http.patch("/api/v1/tasks/" + id, bob.token(), Map.of("title", "Bob's now"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(http.get("/api/v1/tasks/" + id, alice.token()).data().path("title").asString())
        .isEqualTo("Alice's");
  }

  @Test
  void anotherUsersTaskCannotBeDeleted() {
    UUID id = tasks.create(alice.token(), "Alice's");

    HttpApi.Response response = http.delete("/api/v1/tasks/" + id, bob.token());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(http.get("/api/v1/tasks/" + id, alice.token()).status()).isEqualTo(200);
  }

  @Test
  void listShowsOnlyTheCallersTasks() {
    tasks.create(alice.token(), "Alice's");
    tasks.create(bob.token(), "Bob's");

    HttpApi.Response response = tasks.list(bob.token(), "");

    assertThat(TaskListTests.titles(response)).containsExactly("Bob's");
    assertThat(response.json().path("meta").path("total").asLong()).isEqualTo(1);
  }

  @Test
  void adminReadsChangesAndDeletesAnyTask() {
    UUID id = tasks.create(alice.token(), "Alice's");

    HttpApi.Response read = http.get("/api/v1/tasks/" + id, admin.token());
    HttpApi.Response changed =
        http.patch("/api/v1/tasks/" + id, admin.token(), Map.of("completed", true));
    HttpApi.Response deleted = http.delete("/api/v1/tasks/" + id, admin.token());

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.data().path("userId").asString()).isEqualTo(alice.id().toString());
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.data().path("completed").asBoolean()).isTrue();
    assertThat(changed.data().path("userId").asString()).isEqualTo(alice.id().toString());
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(http.get("/api/v1/tasks/" + id, alice.token()).status()).isEqualTo(404);
  }

  @Test
  void adminListsEveryonesTasksAndFiltersByUser() {
    tasks.create(alice.token(), "Alice's");
    tasks.create(bob.token(), "Bob's");

    HttpApi.Response all = http.get("/api/v1/admin/tasks?sort=title,asc", admin.token());
    HttpApi.Response alicesOnly =
        http.get("/api/v1/admin/tasks?userId=" + alice.id(), admin.token());

    assertThat(TaskListTests.titles(all)).contains("Alice's", "Bob's");
    assertThat(TaskListTests.titles(alicesOnly)).containsExactly("Alice's");
    assertThat(alicesOnly.json().path("meta").path("total").asLong()).isEqualTo(1);
  }

  @Test
  void adminListValidatesItsParameters() {
    assertThat(http.get("/api/v1/admin/tasks?userId=nope", admin.token()).status()).isEqualTo(400);
    assertThat(http.get("/api/v1/admin/tasks?sort=owner,asc", admin.token()).status())
        .isEqualTo(400);
    assertThat(http.get("/api/v1/admin/tasks?pageSize=101", admin.token()).status()).isEqualTo(400);
  }

  @Test
  void userCannotUseTheAdminList() {
    HttpApi.Response response = http.get("/api/v1/admin/tasks", alice.token());

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
  }
}
