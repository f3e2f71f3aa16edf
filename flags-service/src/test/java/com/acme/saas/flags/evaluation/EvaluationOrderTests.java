package com.acme.saas.flags.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.flags.FlagsApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.acme.saas.testsupport.TestUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Each step of the evaluation order, seen through GET /flags/evaluate and OFREP's reasons. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class EvaluationOrderTests {

  @InjectApi FlagsApi flags;
  @InjectUser TestUser user;

  @Test
  void disabledFlagIsOffEvenForAnOverrideOrAListedUser() {
    flags.create("disabled-flag", Map.of("enabled", false, "userIds", List.of(user.id())));
    flags.override("disabled-flag", user.id(), true);

    assertThat(flags.values(user.token()).path("disabled-flag").asBoolean()).isFalse();
    assertThat(reason("disabled-flag")).isEqualTo("DISABLED");
  }

  @Test
  void overrideWinsOverTheUserListAndTargeting() {
    flags.create("override-off", Map.of("userIds", List.of(user.id())));
    flags.override("override-off", user.id(), false);
    flags.create("override-on", Map.of("plans", List.of("team"), "rolloutPercentage", 0));
    flags.override("override-on", user.id(), true);

    JsonNode values = flags.values(user.token());

    assertThat(values.path("override-off").asBoolean()).isFalse();
    assertThat(values.path("override-on").asBoolean()).isTrue();
    assertThat(reason("override-on")).isEqualTo("TARGETING_MATCH");
  }

  @Test
  void listedUserIsOnWhateverRolePlanOrPercentage() {
    flags.create(
        "listed",
        Map.of(
            "userIds",
            List.of(user.id()),
            "roles",
            List.of("ADMIN"),
            "plans",
            List.of("pro"),
            "rolloutPercentage",
            0));

    assertThat(flags.values(user.token()).path("listed").asBoolean()).isTrue();
    assertThat(flags.values(TestTokens.user(UUID.randomUUID())).path("listed").asBoolean())
        .isFalse();
  }

  @Test
  void unmatchedRoleOrPlanIsOff() {
    flags.create("admins-only", Map.of("roles", List.of("ADMIN")));
    flags.create("pro-only", Map.of("plans", List.of("pro", "team")));

    JsonNode values = flags.values(user.token());

    assertThat(values.path("admins-only").asBoolean()).isFalse();
    assertThat(values.path("pro-only").asBoolean()).isFalse();
    assertThat(reason("pro-only")).isEqualTo("DEFAULT");
    assertThat(flags.values(TestTokens.admin(UUID.randomUUID())).path("admins-only").asBoolean())
        .isTrue();
  }

  @Test
  void matchedTargetingFallsThroughToTheRollout() {
    flags.create("free-users", Map.of("plans", List.of("free"), "roles", List.of("USER")));
    flags.create("free-users-none", Map.of("plans", List.of("free"), "rolloutPercentage", 0));

    JsonNode values = flags.values(user.token());

    assertThat(values.path("free-users").asBoolean()).isTrue();
    assertThat(reason("free-users")).isEqualTo("TARGETING_MATCH");
    assertThat(values.path("free-users-none").asBoolean()).isFalse();
  }

  @Test
  void partialRolloutFollowsTheUsersBucket() {
    flags.create("half", Map.of("rolloutPercentage", 50));
    List<UUID> users = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID()).toList();

    for (UUID someone : users) {
      boolean expected = Rollout.bucket("half", someone.toString()) < 50;
      assertThat(flags.values(TestTokens.user(someone)).path("half").asBoolean())
          .as("user %s", someone)
          .isEqualTo(expected);
    }
    assertThat(reason("half")).isEqualTo("SPLIT");
  }

  @Test
  void untargetedFlagAtAllOrNothingIsStatic() {
    flags.create("everyone", Map.of());
    flags.create("nobody", Map.of("rolloutPercentage", 0));

    assertThat(flags.values(user.token()).path("everyone").asBoolean()).isTrue();
    assertThat(flags.values(user.token()).path("nobody").asBoolean()).isFalse();
    assertThat(reason("everyone")).isEqualTo("STATIC");
  }

  @Test
  void evaluateListsEveryFlagAndNeedsAToken() {
    flags.create("first", Map.of());
    flags.create("second", Map.of("enabled", false));

    JsonNode values = flags.values(user.token());
    assertThat(values.has("first") && values.has("second")).as(values.toString()).isTrue();
    assertThat(flags.http().get("/api/v1/flags/evaluate", null).status()).isEqualTo(401);
  }

  private String reason(String key) {
    return flags.ofrep(user.token(), key, Map.of()).json().path("reason").asString();
  }
}
