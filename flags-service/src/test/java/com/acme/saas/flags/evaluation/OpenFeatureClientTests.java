package com.acme.saas.flags.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.flags.FlagsApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.InjectUser;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import com.acme.saas.testsupport.TestUser;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Reason;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The official OpenFeature Java SDK with its OFREP provider, reading our flags as any application
 * would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OpenFeatureClientTests {

  @LocalServerPort int port;

  @InjectApi FlagsApi flags;
  @InjectUser TestUser user;

  @Test
  void targetedBooleanFlagIsOnForItsTargetAndOffForOthers() {
    flags.create("sdk-targeted", Map.of("userIds", List.of(user.id()), "rolloutPercentage", 0));

    FlagEvaluationDetails<Boolean> mine =
        client(user.token()).getBooleanDetails("sdk-targeted", false, context(user.id()));
    FlagEvaluationDetails<Boolean> others =
        client(TestTokens.user(UUID.randomUUID()))
            .getBooleanDetails("sdk-targeted", true, context(user.id()));

    assertThat(mine.getValue()).isTrue();
    assertThat(mine.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
    assertThat(mine.getVariant()).isEqualTo("on");
    assertThat(mine.getErrorCode()).isNull();
    assertThat(others.getValue()).as("a user's targeting key is always its own").isFalse();
  }

  @Test
  void missingFlagFallsBackToTheDefaultWithFlagNotFound() {
    FlagEvaluationDetails<Boolean> details =
        client(user.token()).getBooleanDetails("sdk-missing", true, context(user.id()));

    assertThat(details.getValue()).isTrue();
    assertThat(details.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
  }

  @Test
  void adminClientEvaluatesForTheContextsTargetingKey() {
    UUID listed = UUID.randomUUID();
    flags.create("sdk-preview", Map.of("userIds", List.of(listed), "rolloutPercentage", 0));
    Client admin = client(flags.admin());

    assertThat(admin.getBooleanValue("sdk-preview", false, context(listed))).isTrue();
    assertThat(admin.getBooleanValue("sdk-preview", true, context(UUID.randomUUID()))).isFalse();
  }

  /** A client of its own per token: the provider sends the token with every request. */
  private Client client(String token) {
    String domain = "flags-test-" + UUID.randomUUID();
    OfrepProviderOptions options =
        OfrepProviderOptions.builder()
            .baseUrl("http://127.0.0.1:" + port + "/api/v1")
            .headers(ImmutableMap.of("Authorization", ImmutableList.of("Bearer " + token)))
            .build();
    OpenFeatureAPI.getInstance()
        .setProviderAndWait(domain, OfrepProvider.constructProvider(options));
    return OpenFeatureAPI.getInstance().getClient(domain);
  }

  private static ImmutableContext context(UUID targetingKey) {
    return new ImmutableContext(targetingKey.toString());
  }
}
