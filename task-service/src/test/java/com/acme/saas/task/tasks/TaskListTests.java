package com.acme.saas.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.task.TaskClient;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TaskListTests {

  @InjectApi HttpApi http;
  @InjectApi TaskClient tasks;
  @InjectUser TestUser user;

  @Test
  void listsNewestFirstByDefaultWithPageMeta() {
    List<UUID> created = createNumbered(3);

    HttpApi.Response response = tasks.list(user.token(), "");

    assertThat(response.status()).isEqualTo(200);
    assertThat(ids(response)).containsExactly(created.get(2), created.get(1), created.get(0));
    assertThat(response.json().path("meta").toString())
        .isEqualTo("{\"total\":3,\"page\":1,\"pageSize\":20,\"totalPages\":1}");
  }

  @Test
  void pagesWalkTheWholeListWithoutOverlapAndTheLastPageIsPartial() {
    List<UUID> created = createNumbered(5);

    HttpApi.Response first = tasks.list(user.token(), "?page=1&pageSize=2&sort=createdAt,asc");
    HttpApi.Response second = tasks.list(user.token(), "?page=2&pageSize=2&sort=createdAt,asc");
    HttpApi.Response last = tasks.list(user.token(), "?page=3&pageSize=2&sort=createdAt,asc");

    assertThat(ids(first)).containsExactly(created.get(0), created.get(1));
    assertThat(ids(second)).containsExactly(created.get(2), created.get(3));
    assertThat(ids(last)).containsExactly(created.get(4));
    assertThat(last.json().path("meta").toString())
        .isEqualTo("{\"total\":5,\"page\":3,\"pageSize\":2,\"totalPages\":3}");
  }

  @Test
  void pageBeyondTheEndIsEmptyWithCorrectMeta() {
    createNumbered(3);

    HttpApi.Response response = tasks.list(user.token(), "?page=7&pageSize=2");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.data().isArray()).isTrue();
    assertThat(response.data().size()).isZero();
    assertThat(response.json().path("meta").toString())
        .isEqualTo("{\"total\":3,\"page\":7,\"pageSize\":2,\"totalPages\":2}");
  }

  @Test
  void userWithoutTasksGetsAnEmptyList() {
    HttpApi.Response response = tasks.list(user.token(), "");

    assertThat(response.data().size()).isZero();
    assertThat(response.json().path("meta").path("total").asLong()).isZero();
    assertThat(response.json().path("meta").path("totalPages").asLong()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "?pageSize=0, pageSize",
    "?pageSize=500, pageSize",
    "?page=0, page",
    "?page=-1, page",
    "?pageSize=abc, pageSize",
    "?page=x, page",
    "?q=%s, q"
  })
  void pageOutOfRangeAnswers400NamingTheParameter(String query, String parameter) {
    HttpApi.Response response = tasks.list(user.token(), query.formatted("x".repeat(201)));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(response.json().path("error").path("details").findValuesAsString("field"))
        .containsExactly(parameter);
  }

  @Test
  void pageSizeOf100IsAllowed() {
    assertThat(
            tasks.list(user.token(), "?pageSize=100").json().path("meta").path("pageSize").asInt())
        .isEqualTo(100);
  }

  @Test
  void sortsByTitleBothWays() {
    tasks.create(user.token(), "banana");
    tasks.create(user.token(), "apple");
    tasks.create(user.token(), "cherry");

    assertThat(titles(tasks.list(user.token(), "?sort=title,asc")))
        .containsExactly("apple", "banana", "cherry");
    assertThat(titles(tasks.list(user.token(), "?sort=title,desc")))
        .containsExactly("cherry", "banana", "apple");
  }

  @Test
  void sortsByDueDateWithUndatedTasksLastAscending() {
    tasks.create(user.token(), Map.of("title", "late", "dueDate", "2026-09-01"));
    tasks.create(user.token(), Map.of("title", "undated"));
    tasks.create(user.token(), Map.of("title", "early", "dueDate", "2026-01-01"));

    assertThat(titles(tasks.list(user.token(), "?sort=dueDate,asc")))
        .containsExactly("early", "late", "undated");
    assertThat(titles(tasks.list(user.token(), "?sort=dueDate,desc")))
        .containsExactly("undated", "late", "early");
  }

  @Test
  void sortsByUpdatedAt() {
    List<UUID> created = createNumbered(3);
    http.patch("/api/v1/tasks/" + created.get(0), user.token(), Map.of("completed", true));

    assertThat(ids(tasks.list(user.token(), "?sort=updatedAt,desc")).getFirst())
        .isEqualTo(created.get(0));
    assertThat(ids(tasks.list(user.token(), "?sort=updatedAt,asc")).getLast())
        .isEqualTo(created.get(0));
  }

  @Test
  void sortsByCreatedAtAscending() {
    List<UUID> created = createNumbered(3);

    assertThat(ids(tasks.list(user.token(), "?sort=createdAt,asc")))
        .containsExactlyElementsOf(created);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "?sort=priority,asc",
        "?sort=title",
        "?sort=title,up",
        "?sort=title,asc,id",
        "?sort=user_id,asc",
        "?sort=title%3Bdrop%20table%20tasks,asc"
      })
  void unknownSortAnswers400(String query) {
    HttpApi.Response response = tasks.list(user.token(), query);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void filtersByCompleted() {
    UUID done = tasks.create(user.token(), "done");
    tasks.create(user.token(), "open");
    http.patch("/api/v1/tasks/" + done, user.token(), Map.of("completed", true));

    assertThat(titles(tasks.list(user.token(), "?completed=true"))).containsExactly("done");
    assertThat(titles(tasks.list(user.token(), "?completed=false"))).containsExactly("open");
    assertThat(tasks.list(user.token(), "?completed=maybe").status()).isEqualTo(400);
  }

  @Test
  void searchMatchesTitleOrDescriptionIgnoringCase() {
    tasks.create(user.token(), Map.of("title", "Quarterly REPORT"));
    tasks.create(
        user.token(), Map.of("title", "Groceries", "description", "milk for the report meeting"));
    tasks.create(user.token(), Map.of("title", "Unrelated"));

    HttpApi.Response response = tasks.list(user.token(), "?q=Report&sort=title,asc");

    assertThat(titles(response)).containsExactly("Groceries", "Quarterly REPORT");
    assertThat(response.json().path("meta").path("total").asLong()).isEqualTo(2);
  }

  @Test
  void searchTreatsLikeWildcardsLiterally() {
    tasks.create(user.token(), "100% done");
    tasks.create(user.token(), "1000 done");
    tasks.create(user.token(), "snake_case");
    tasks.create(user.token(), "snakeXcase");
    tasks.create(user.token(), "back\\slash");

    assertThat(titles(tasks.list(user.token(), "?q=0%25"))).containsExactly("100% done");
    assertThat(titles(tasks.list(user.token(), "?q=e_c"))).containsExactly("snake_case");
    assertThat(titles(tasks.list(user.token(), "?q=k%5Cs"))).containsExactly("back\\slash");
  }

  @Test
  void filtersCombineWithPaging() {
    for (int i = 0; i < 3; i++) {
      tasks.create(user.token(), "report " + i);
    }
    tasks.create(user.token(), "other");

    HttpApi.Response response =
        tasks.list(user.token(), "?q=report&completed=false&pageSize=2&page=2&sort=title,asc");

    assertThat(titles(response)).containsExactly("report 2");
    assertThat(response.json().path("meta").toString())
        .isEqualTo("{\"total\":3,\"page\":2,\"pageSize\":2,\"totalPages\":2}");
  }

  private List<UUID> createNumbered(int count) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(tasks.create(user.token(), "task " + i));
    }
    return ids;
  }

  static List<UUID> ids(HttpApi.Response response) {
    List<UUID> ids = new ArrayList<>();
    for (JsonNode task : response.data()) {
      ids.add(UUID.fromString(task.path("id").asString()));
    }
    return ids;
  }

  static List<String> titles(HttpApi.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<String> titles = new ArrayList<>();
    for (JsonNode task : response.data()) {
      titles.add(task.path("title").asString());
    }
    return titles;
  }
}
