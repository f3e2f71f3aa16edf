package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Feature flags through the gateway: an admin targets a flag at the pro plan, and users read it
 * over GET /flags/evaluate, raw OFREP and the OpenFeature SDK's OFREP provider. The helpers ({@code
 * evaluated}, {@code ofrep}, {@code openFeature}) read one user's value, so a journey that upgrades
 * the user to pro asserts the flag on with the same calls.
 */
class FlagJourneyTests {

  @Test
  void flagTargetedAtTheProPlanIsOffForAFreeUser() {
    Suite.Session admin = Suite.admin();
    String key = proFlag(admin);
    Suite.Session user = Suite.register();

    assertThat(evaluated(user, key)).isFalse();
    var ofrep = ofrep(user, key);
    assertThat(ofrep.status()).as("%s", ofrep).isEqualTo(200);
    assertThat(ofrep.json().get("value").asBoolean()).isFalse();
    assertThat(ofrep.json().get("reason").asString()).isEqualTo("DEFAULT");
    assertThat(openFeature(user).getBooleanValue(key, true, new ImmutableContext(user.userId())))
        .isFalse();

    // An admin may preview what a pro user would get.
    var preview =
        Suite.api()
            .post(
                "/api/v1/ofrep/v1/evaluate/flags/" + key,
                admin.accessToken(),
                Map.of("context", Map.of("targetingKey", user.userId(), "plan", "pro")));
    assertThat(preview.json().get("value").asBoolean()).isTrue();

    assertThat(Suite.api().delete("/api/v1/flags/" + key, admin.accessToken()).status())
        .isEqualTo(204);
    assertThat(
            Suite.api().get("/api/v1/flags/" + key + "/audit", admin.accessToken()).data().size())
        .isEqualTo(2);
  }

  @Test
  void afterAnUpgradeTheSameUserSeesTheProFlagOnThroughOfrep() throws InterruptedException {
    Suite.Session admin = Suite.admin();
    String key = proFlag(admin);
    Suite.Session user = Suite.register();
    assertThat(ofrep(user, key).json().get("value").asBoolean()).isFalse();
    String freeEtag = bulk(user, null).header("ETag");

    StripeTrigger.upgrade(user, "pro");

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!ofrep(user, key).json().get("value").asBoolean()) {
      assertThat(System.nanoTime())
          .as("the pro flag on within 10 s of the upgrade")
          .isLessThan(deadline);
      Thread.sleep(100);
    }
    assertThat(evaluated(user, key)).isTrue();
    assertThat(openFeature(user).getBooleanValue(key, false, new ImmutableContext(user.userId())))
        .isTrue();
    var paid = bulk(user, freeEtag);
    assertThat(paid.status())
        .as("the caller's results changed, so the old ETag no longer matches")
        .isEqualTo(200);
    assertThat(paid.header("ETag")).isNotEqualTo(freeEtag);
    assertThat(Suite.api().delete("/api/v1/flags/" + key, admin.accessToken()).status())
        .isEqualTo(204);
  }

  @Test
  void bulkEvaluationAnswers304ThroughTheGatewayWhileNothingChanged() {
    Suite.Session user = Suite.register();
    var first = bulk(user, null);
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    String etag = first.header("ETag");
    assertThat(etag).isNotBlank();

    assertThat(bulk(user, etag).status()).isEqualTo(304);
  }

  @Test
  void aUserMayNotManageFlags() {
    Suite.Session user = Suite.register();

    var response =
        Suite.api()
            .post(
                "/api/v1/flags",
                user.accessToken(),
                Map.of(
                    "key",
                    "e2e-forbidden",
                    "description",
                    "",
                    "enabled",
                    true,
                    "rolloutPercentage",
                    100));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
  }

  private static boolean evaluated(Suite.Session user, String key) {
    var response = Suite.api().get("/api/v1/flags/evaluate", user.accessToken());
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.data().get(key).asBoolean();
  }

  private static HttpApi.Response ofrep(Suite.Session user, String key) {
    return Suite.api()
        .post(
            "/api/v1/ofrep/v1/evaluate/flags/" + key,
            user.accessToken(),
            Map.of("context", Map.of("targetingKey", user.userId())));
  }

  private static HttpApi.Response bulk(Suite.Session user, String ifNoneMatch) {
    var call =
        Suite.api()
            .call("POST", "/api/v1/ofrep/v1/evaluate/flags")
            .bearer(user.accessToken())
            .json(Map.of("context", Map.of("targetingKey", user.userId())));
    if (ifNoneMatch != null) {
      call.header("If-None-Match", ifNoneMatch);
    }
    return call.send();
  }

  /** An OpenFeature client whose OFREP provider calls the gateway with the user's token. */
  private static Client openFeature(Suite.Session user) {
    String domain = "e2e-" + UUID.randomUUID();
    OfrepProviderOptions options =
        OfrepProviderOptions.builder()
            .baseUrl(Suite.GATEWAY_URL + "/api/v1")
            .headers(
                ImmutableMap.of("Authorization", ImmutableList.of("Bearer " + user.accessToken())))
            .build();
    OpenFeatureAPI.getInstance()
        .setProviderAndWait(domain, OfrepProvider.constructProvider(options));
    return OpenFeatureAPI.getInstance().getClient(domain);
  }

  /** Creates a flag on for every pro user (and no one else); returns its key. */
  private static String proFlag(Suite.Session admin) {
    String key = "e2e-pro-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        Suite.api()
            .post(
                "/api/v1/flags",
                admin.accessToken(),
                Map.of(
                    "key",
                    key,
                    "description",
                    "Pro dashboard",
                    "enabled",
                    true,
                    "rolloutPercentage",
                    100,
                    "plans",
                    List.of("pro")));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return key;
  }
}
