package com.acme.saas.flags.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.flags.FlagsApi;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class FlagApiTests {

  /** Reads field values as JSON spells them (null, 50.5, "yes"), which Map.of cannot write. */
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @InjectApi FlagsApi flags;
  @InjectApi HttpApi http;

  @Test
  void createdFlagIsReturnedWithItsLocation() {
    UUID listed = UUID.randomUUID();
    HttpApi.Response response =
        http.post(
            "/api/v1/flags",
            flags.admin(),
            Map.of(
                "key",
                "new-ui",
                "description",
                "The new UI",
                "enabled",
                true,
                "rolloutPercentage",
                25,
                "roles",
                List.of("USER"),
                "plans",
                List.of("team", "pro"),
                "userIds",
                List.of(listed)));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.header("Location")).isEqualTo("/api/v1/flags/new-ui");
    JsonNode flag = response.data();
    assertThat(flag.path("key").asString()).isEqualTo("new-ui");
    assertThat(flag.path("description").asString()).isEqualTo("The new UI");
    assertThat(flag.path("enabled").asBoolean()).isTrue();
    assertThat(flag.path("rolloutPercentage").asInt()).isEqualTo(25);
    assertThat(flag.path("roles").toString()).isEqualTo("[\"USER\"]");
    assertThat(flag.path("plans").toString()).isEqualTo("[\"pro\",\"team\"]");
    assertThat(flag.path("userIds").get(0).asString()).isEqualTo(listed.toString());
    assertThat(flag.path("createdAt").asString()).isNotBlank();
    assertThat(http.get("/api/v1/flags/new-ui", flags.admin()).data()).isEqualTo(flag);
  }

  @Test
  void takenKeyAnswers409() {
    flags.create("taken", Map.of());

    HttpApi.Response response = http.post("/api/v1/flags", flags.admin(), body("taken", Map.of()));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.errorCode()).isEqualTo("CONFLICT");
  }

  @ParameterizedTest(name = "key \"{0}\"")
  @ValueSource(
      strings = {
        "",
        "Upper",
        "-leading-dash",
        "has space",
        "ünïcode",
        "evaluate",
        "a2345678901234567890123456789012345678901234567890123456789012345"
      })
  void invalidKeyIsRejected(String key) {
    HttpApi.Response response = http.post("/api/v1/flags", flags.admin(), body(key, Map.of()));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void keyOfSixtyFourCharactersIsAccepted() {
    flags.create("a" + "b.c_d-".repeat(10) + "xyz", Map.of());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"rolloutPercentage\": 101}",
        "{\"rolloutPercentage\": -1}",
        "{\"rolloutPercentage\": 50.5}",
        "{\"rolloutPercentage\": null}",
        "{\"enabled\": \"yes\"}",
        "{\"roles\": [\"OWNER\"]}",
        "{\"plans\": [\"enterprise\"]}",
        "{\"userIds\": [\"not-a-uuid\"]}",
        "{\"createdAt\": \"2026-01-01T00:00:00Z\"}"
      })
  @SuppressWarnings("unchecked")
  void invalidFieldIsRejectedWithDetails(String field) {
    Map<String, Object> body = body("bad-field", Map.of());
    body.putAll(JSON.readValue(field, HashMap.class));

    HttpApi.Response response = http.post("/api/v1/flags", flags.admin(), body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isNotBlank();
    assertThat(http.get("/api/v1/flags/bad-field", flags.admin()).status()).isEqualTo(404);
  }

  @Test
  void moreThanAThousandUserIdsAreRejected() {
    List<UUID> userIds = IntStream.range(0, 1001).mapToObj(i -> UUID.randomUUID()).toList();

    HttpApi.Response response =
        http.post("/api/v1/flags", flags.admin(), body("crowded", Map.of("userIds", userIds)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("userIds");
  }

  @Test
  void patchChangesOnlyTheFieldsSent() {
    flags.create("patched", Map.of("plans", List.of("pro"), "rolloutPercentage", 10));

    HttpApi.Response response =
        http.patch(
            "/api/v1/flags/patched",
            flags.admin(),
            Map.of("rolloutPercentage", 60, "enabled", false));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.data().path("rolloutPercentage").asInt()).isEqualTo(60);
    assertThat(response.data().path("enabled").asBoolean()).isFalse();
    assertThat(response.data().path("plans").toString()).isEqualTo("[\"pro\"]");
    assertThat(response.data().path("description").asString()).isEqualTo("test flag patched");
  }

  @Test
  void patchCannotChangeTheKey() {
    flags.create("fixed-key", Map.of());

    HttpApi.Response response =
        http.patch("/api/v1/flags/fixed-key", flags.admin(), Map.of("key", "other-key"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void unknownFlagAnswers404() {
    assertThat(http.get("/api/v1/flags/missing", flags.admin()).errorCode())
        .isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(http.patch("/api/v1/flags/missing", flags.admin(), Map.of("enabled", true)).status())
        .isEqualTo(404);
    assertThat(http.delete("/api/v1/flags/missing", flags.admin()).status()).isEqualTo(404);
    assertThat(
            http.put(
                    "/api/v1/flags/missing/overrides/" + UUID.randomUUID(),
                    flags.admin(),
                    Map.of("value", true))
                .status())
        .isEqualTo(404);
  }

  @Test
  void overridesAreShownAndRemovable() {
    UUID userId = UUID.randomUUID();
    flags.create("with-override", Map.of());
    flags.override("with-override", userId, false);

    assertThat(
            http.get("/api/v1/flags/with-override", flags.admin())
                .data()
                .path("overrides")
                .toString())
        .isEqualTo("[{\"userId\":\"" + userId + "\",\"value\":false}]");
    assertThat(
            http.delete("/api/v1/flags/with-override/overrides/" + userId, flags.admin()).status())
        .isEqualTo(204);
    assertThat(
            http.get("/api/v1/flags/with-override", flags.admin()).data().path("overrides").size())
        .isZero();
    assertThat(
            http.delete("/api/v1/flags/with-override/overrides/" + userId, flags.admin()).status())
        .isEqualTo(404);
  }

  @Test
  void overrideNeedsABooleanValue() {
    flags.create("strict-override", Map.of());

    HttpApi.Response response =
        http.put(
            "/api/v1/flags/strict-override/overrides/" + UUID.randomUUID(),
            flags.admin(),
            Map.of("value", "true-ish"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void deletingAFlagRemovesItAndItsOverrides() {
    UUID userId = UUID.randomUUID();
    flags.create("doomed", Map.of("enabled", false));
    flags.override("doomed", userId, true);

    assertThat(http.delete("/api/v1/flags/doomed", flags.admin()).status()).isEqualTo(204);

    assertThat(http.get("/api/v1/flags/doomed", flags.admin()).status()).isEqualTo(404);
    assertThat(flags.values(TestTokens.user(userId)).has("doomed")).isFalse();
    flags.create("doomed", Map.of("enabled", false));
    assertThat(http.get("/api/v1/flags/doomed", flags.admin()).data().path("overrides").size())
        .isZero();
  }

  @Test
  void listIsPaginatedByKeyAndFiltersOnKeyOrDescription() {
    for (String key : List.of("list-c", "list-a", "list-b")) {
      flags.create(key, Map.of());
    }
    flags.create("other", Map.of("description", "mentions LIST in its description"));

    HttpApi.Response page = http.get("/api/v1/flags?q=list&pageSize=2&page=1", flags.admin());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.data().findValuesAsString("key")).containsExactly("list-a", "list-b");
    assertThat(page.json().path("meta").path("total").asLong()).isEqualTo(4);
    assertThat(page.json().path("meta").path("totalPages").asLong()).isEqualTo(2);
    assertThat(
            http.get("/api/v1/flags?q=list&pageSize=2&page=2", flags.admin())
                .data()
                .findValuesAsString("key"))
        .containsExactly("list-c", "other");
    assertThat(http.get("/api/v1/flags?pageSize=101", flags.admin()).status()).isEqualTo(400);
  }

  @Test
  void aUserMayNotManageFlags() {
    String user = TestTokens.user(UUID.randomUUID());
    flags.create("admins-manage", Map.of());

    assertThat(http.get("/api/v1/flags", user).errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    assertThat(http.get("/api/v1/flags/admins-manage", user).status()).isEqualTo(403);
    assertThat(http.post("/api/v1/flags", user, body("by-user", Map.of())).status()).isEqualTo(403);
    assertThat(http.patch("/api/v1/flags/admins-manage", user, Map.of("enabled", false)).status())
        .isEqualTo(403);
    assertThat(http.delete("/api/v1/flags/admins-manage", user).status()).isEqualTo(403);
    assertThat(
            http.put(
                    "/api/v1/flags/admins-manage/overrides/" + UUID.randomUUID(),
                    user,
                    Map.of("value", true))
                .status())
        .isEqualTo(403);
    assertThat(http.get("/api/v1/flags/admins-manage/audit", user).status()).isEqualTo(403);
  }

  private static Map<String, Object> body(String key, Map<String, ?> settings) {
    Map<String, Object> body =
        new HashMap<>(
            Map.of("key", key, "description", "", "enabled", true, "rolloutPercentage", 100));
    body.putAll(settings);
    return body;
  }
}
