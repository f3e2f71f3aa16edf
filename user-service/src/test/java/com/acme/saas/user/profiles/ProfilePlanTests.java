package com.acme.saas.user.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.user.SuiteEvents;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ProfilePlanTests {

  @LocalServerPort int port;

  @Test
  void profileShowsThePlanOfAnActiveSubscriptionAndFreeOnceItLapses() {
    UUID userId = UUID.randomUUID();
    String token = TestTokens.user(userId);
    HttpApi http = HttpApi.local(port);
    assertThat(http.get("/api/v1/users/me", token).data().path("plan").asString()).isEqualTo("free");

    SuiteEvents.publish("billing-service", new SubscriptionChanged(userId, "team", "trialing", null, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(http.get("/api/v1/users/me", token).data().path("plan").asString()).isEqualTo("team"));

    SuiteEvents.publish("billing-service", new SubscriptionChanged(userId, "team", "canceled", null, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(http.get("/api/v1/users/me", token).data().path("plan").asString()).isEqualTo("free"));
  }
}
