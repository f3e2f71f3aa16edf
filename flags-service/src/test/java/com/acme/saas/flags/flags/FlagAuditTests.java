package com.acme.saas.flags.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.flags.FlagsApi;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Every change is audited with the acting admin, the time and the flag before and after. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class FlagAuditTests {

  @InjectApi FlagsApi flags;
  @InjectApi HttpApi http;

  @Test
  void everyKindOfChangeIsListedNewestFirstAndKeptAfterDeletion() {
    UUID userId = UUID.randomUUID();
    flags.create("audited", Map.of("rolloutPercentage", 10));
    flags.change("audited", Map.of("rolloutPercentage", 40));
    flags.override("audited", userId, true);
    flags.override("audited", userId, false);
    http.delete("/api/v1/flags/audited/overrides/" + userId, flags.admin());
    http.delete("/api/v1/flags/audited", flags.admin());

    HttpApi.Response response = http.get("/api/v1/flags/audited/audit", flags.admin());

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode entries = response.data();
    assertThat(entries.findValuesAsString("action"))
        .containsExactly(
            "flag.deleted",
            "override.removed",
            "override.set",
            "override.set",
            "flag.updated",
            "flag.created");
    assertThat(entries.findValuesAsString("actorId")).containsOnly(flags.adminId().toString());
    assertThat(entries.get(0).path("at").asString()).isNotBlank();
    assertThat(entries.get(0).path("before").path("rolloutPercentage").asInt()).isEqualTo(40);
    assertThat(entries.get(0).path("after").isNull()).isTrue();
    assertThat(entries.get(1).path("before").path("userId").asString())
        .isEqualTo(userId.toString());
    assertThat(entries.get(1).path("before").path("value").asBoolean()).isFalse();
    assertThat(entries.get(2).path("before").path("value").asBoolean()).isTrue();
    assertThat(entries.get(2).path("after").path("value").asBoolean()).isFalse();
    assertThat(entries.get(3).path("before").isNull()).isTrue();
    assertThat(entries.get(4).path("before").path("rolloutPercentage").asInt()).isEqualTo(10);
    assertThat(entries.get(4).path("after").path("rolloutPercentage").asInt()).isEqualTo(40);
    assertThat(entries.get(5).path("before").isNull()).isTrue();
    assertThat(entries.get(5).path("after").path("key").asString()).isEqualTo("audited");
    assertThat(response.json().path("meta").path("total").asLong()).isEqualTo(6);
  }

  @Test
  void auditIsPaginated() {
    flags.create("paged-audit", Map.of());
    for (int percentage : List.of(10, 20, 30)) {
      flags.change("paged-audit", Map.of("rolloutPercentage", percentage));
    }

    HttpApi.Response page =
        http.get("/api/v1/flags/paged-audit/audit?pageSize=2&page=2", flags.admin());

    assertThat(page.data().findValuesAsString("action"))
        .containsExactly("flag.updated", "flag.created");
    assertThat(page.data().get(0).path("after").path("rolloutPercentage").asInt()).isEqualTo(10);
    assertThat(page.json().path("meta").path("total").asLong()).isEqualTo(4);
  }

  @Test
  void aChangeThatChangesNothingIsNotAudited() {
    flags.create("unchanged", Map.of("rolloutPercentage", 10));
    flags.change("unchanged", Map.of("rolloutPercentage", 10));

    assertThat(
            http.get("/api/v1/flags/unchanged/audit", flags.admin())
                .data()
                .findValuesAsString("action"))
        .containsExactly("flag.created");
  }

  @Test
  void flagThatNeverExistedHasNoTrail() {
    assertThat(http.get("/api/v1/flags/never-was/audit", flags.admin()).status()).isEqualTo(404);
  }
}
