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

/** Reading and deleting one task by id, and the token every task route needs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TaskLookupAndDeletionTests {

  @InjectApi HttpApi http;
  @InjectApi TaskClient tasks;
  @InjectUser TestUser user;

  @Test
  void deletedTaskIsGone() {
    UUID id = tasks.create(user.token(), "Short-lived");

    HttpApi.Response deleted = http.delete("/api/v1/tasks/" + id, user.token());

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.text()).isEmpty();
    assertThat(http.get("/api/v1/tasks/" + id, user.token()).status()).isEqualTo(404);
    assertThat(http.delete("/api/v1/tasks/" + id, user.token()).status()).isEqualTo(404);
  }

  @Test
  void missingTaskAnswers404() {
    HttpApi.Response response = http.get("/api/v1/tasks/" + UUID.randomUUID(), user.token());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
  }

  @Test
  void malformedTaskIdAnswers400() {
    assertThat(http.get("/api/v1/tasks/not-a-uuid", user.token()).status()).isEqualTo(400);
  }

  @Test
  void tasksNeedAToken() {
    assertThat(http.get("/api/v1/tasks", null).errorCode()).isEqualTo("TOKEN_MISSING");
    assertThat(http.post("/api/v1/tasks", null, Map.of("title", "x")).status()).isEqualTo(401);
  }
}
