package com.acme.saas.flags.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.flags.FlagsApi;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** OFREP's own shapes, the caller's identity rules, and the bulk ETag. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OfrepTests {

  static final String BULK = "/api/v1/ofrep/v1/evaluate/flags";

  @InjectApi FlagsApi flags;
  @InjectUser TestUser user;
  @InjectApi HttpApi http;

  @Test
  void singleEvaluationHasTheProtocolsShape() {
    flags.create("ofrep-shape", Map.of("userIds", List.of(user.id())));

    HttpApi.Response response =
        flags.ofrep(user.token(), "ofrep-shape", Map.of("targetingKey", user.id().toString()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().toString())
        .isEqualTo(
            "{\"key\":\"ofrep-shape\",\"value\":true,\"reason\":\"TARGETING_MATCH\",\"variant\":\"on\",\"metadata\":{}}");
  }

  @Test
  void missingFlagAnswersFlagNotFound() {
    HttpApi.Response response = flags.ofrep(user.token(), "no-such-flag", Map.of());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().path("key").asString()).isEqualTo("no-such-flag");
    assertThat(response.json().path("errorCode").asString()).isEqualTo("FLAG_NOT_FOUND");
    assertThat(response.json().path("errorDetails").asString()).isNotBlank();
    assertThat(response.json().has("error")).isFalse();
  }

  @Test
  void malformedBodyAnswersParseError() {
    HttpApi.Response single =
        http.call("POST", BULK + "/anything").bearer(user.token()).json("{\"context\": ").send();
    HttpApi.Response bulk = http.call("POST", BULK).bearer(user.token()).json("not json").send();

    assertThat(single.status()).isEqualTo(400);
    assertThat(single.json().path("key").asString()).isEqualTo("anything");
    assertThat(single.json().path("errorCode").asString()).isEqualTo("PARSE_ERROR");
    assertThat(bulk.status()).isEqualTo(400);
    assertThat(bulk.json().path("errorCode").asString()).isEqualTo("PARSE_ERROR");
  }

  @Test
  void bodyWithoutAContextObjectAnswersInvalidContext() {
    flags.create("needs-context", Map.of());

    HttpApi.Response response =
        http.post(BULK + "/needs-context", user.token(), Map.of("context", "me"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("errorCode").asString()).isEqualTo("INVALID_CONTEXT");
  }

  @Test
  void userCannotChooseAnotherTargetingKeyRoleOrPlan() {
    UUID other = UUID.randomUUID();
    flags.create("for-other", Map.of("userIds", List.of(other), "rolloutPercentage", 0));
    flags.create("for-admins", Map.of("roles", List.of("ADMIN")));
    flags.create("for-team", Map.of("plans", List.of("team")));
    Map<String, String> pretending =
        Map.of("targetingKey", other.toString(), "role", "ADMIN", "plan", "team");

    for (String key : List.of("for-other", "for-admins", "for-team")) {
      assertThat(flags.ofrep(user.token(), key, pretending).json().path("value").asBoolean())
          .as(key)
          .isFalse();
    }
    for (JsonNode flag :
        http.post(BULK, user.token(), Map.of("context", pretending)).json().path("flags")) {
      if (flag.path("key").asString().startsWith("for-")) {
        assertThat(flag.path("value").asBoolean()).as(flag.toString()).isFalse();
      }
    }
  }

  @Test
  void adminPreviewsAnotherUsersResult() {
    UUID other = UUID.randomUUID();
    flags.create("preview-listed", Map.of("userIds", List.of(other), "rolloutPercentage", 0));
    flags.create("preview-team", Map.of("plans", List.of("team")));

    assertThat(
            flags
                .ofrep(flags.admin(), "preview-listed", Map.of("targetingKey", other.toString()))
                .json()
                .path("value")
                .asBoolean())
        .isTrue();
    assertThat(
            flags.ofrep(flags.admin(), "preview-listed", Map.of()).json().path("value").asBoolean())
        .isFalse();
    assertThat(
            flags
                .ofrep(
                    flags.admin(),
                    "preview-team",
                    Map.of("targetingKey", other.toString(), "plan", "team"))
                .json()
                .path("value")
                .asBoolean())
        .isTrue();
    assertThat(
            flags
                .ofrep(flags.admin(), "preview-team", Map.of("targetingKey", other.toString()))
                .json()
                .path("value")
                .asBoolean())
        .isFalse();
  }

  @Test
  void adminPreviewNeedsAUserIdAndKnownAttributes() {
    flags.create("preview-checked", Map.of());

    assertThat(
            flags
                .ofrep(flags.admin(), "preview-checked", Map.of("targetingKey", "bob"))
                .json()
                .path("errorCode")
                .asString())
        .isEqualTo("INVALID_CONTEXT");
    assertThat(flags.ofrep(flags.admin(), "preview-checked", Map.of("plan", "gold")).status())
        .isEqualTo(400);
    assertThat(flags.ofrep(flags.admin(), "preview-checked", Map.of("role", "ROOT")).status())
        .isEqualTo(400);
  }

  @Test
  void bulkListsEveryFlagWithAnETagAndAMatchingIfNoneMatchAnswers304() {
    flags.create("bulk-a", Map.of());
    flags.create("bulk-b", Map.of("enabled", false));

    HttpApi.Response first = bulk(user.token(), null);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("metadata").isObject()).isTrue();
    JsonNode evaluated = first.json().path("flags");
    assertThat(evaluated.findValuesAsString("key")).contains("bulk-a", "bulk-b");
    assertThat(evaluated.get(0).has("metadata")).isTrue();
    String etag = first.header("ETag");
    assertThat(etag).startsWith("\"").endsWith("\"");

    HttpApi.Response again = bulk(user.token(), etag);

    assertThat(again.status()).isEqualTo(304);
    assertThat(again.text()).isEmpty();
    assertThat(again.header("ETag")).isEqualTo(etag);
    assertThat(bulk(user.token(), "\"stale\", W/" + etag).status()).isEqualTo(304);
    assertThat(bulk(user.token(), "\"stale\"").status()).isEqualTo(200);
  }

  @Test
  void etagChangesExactlyWhenTheCallersResultsChange() {
    flags.create("etag-flag", Map.of("rolloutPercentage", 0));
    String before = bulk(user.token(), null).header("ETag");

    flags.override("etag-flag", UUID.randomUUID(), true);
    assertThat(bulk(user.token(), before).status()).as("another user's override").isEqualTo(304);

    flags.override("etag-flag", user.id(), true);
    HttpApi.Response changed = bulk(user.token(), before);
    assertThat(changed.status()).as("the caller's own override").isEqualTo(200);
    assertThat(changed.header("ETag")).isNotEqualTo(before);
  }

  @Test
  void configurationGivesCapabilitiesAndCacheHints() {
    HttpApi.Response response = http.get("/api/v1/ofrep/v1/configuration", user.token());

    assertThat(response.status()).isEqualTo(200);
    JsonNode capabilities = response.json().path("capabilities");
    assertThat(response.json().path("name").asString()).isEqualTo("flags-service");
    assertThat(capabilities.path("cacheInvalidation").path("polling").path("enabled").asBoolean())
        .isTrue();
    assertThat(
            capabilities
                .path("cacheInvalidation")
                .path("polling")
                .path("minPollingIntervalMs")
                .asLong())
        .isEqualTo(5000);
    assertThat(capabilities.path("flagEvaluation").path("supportedTypes").toString())
        .isEqualTo("[\"boolean\"]");
    assertThat(capabilities.path("caching").path("ttl").asLong()).isEqualTo(1000);
  }

  @Test
  void ofrepNeedsAToken() {
    assertThat(http.post(BULK, null, Map.of("context", Map.of())).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/ofrep/v1/configuration", null).status()).isEqualTo(401);
  }

  private HttpApi.Response bulk(String token, String ifNoneMatch) {
    HttpApi.Call call =
        http.call("POST", BULK)
            .bearer(token)
            .json(Map.of("context", Map.of("targetingKey", user.id().toString())));
    if (ifNoneMatch != null) {
      call.header("If-None-Match", ifNoneMatch);
    }
    return call.send();
  }
}
