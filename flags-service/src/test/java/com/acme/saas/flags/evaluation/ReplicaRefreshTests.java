package com.acme.saas.flags.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.flags.FlagsApi;
import com.acme.saas.flags.FlagsServiceApplication;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two instances of the service on one database, as two replicas run: a change made through one is
 * evaluated by the other within a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaRefreshTests {

  static final Duration WITHIN = Duration.ofSeconds(1);

  @LocalServerPort int port;
  @Autowired Environment environment;

  ConfigurableApplicationContext otherReplica;
  FlagsApi first;
  FlagsApi second;
  UUID userId;
  String user;

  @BeforeAll
  void startTheOtherReplica() {
    // Command-line arguments: they outrank application.yml, as the test context's properties do.
    otherReplica =
        new SpringApplicationBuilder(FlagsServiceApplication.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.password="
                    + environment.getProperty("spring.datasource.password", ""),
                "--spring.kafka.bootstrap-servers="
                    + environment.getProperty("spring.kafka.bootstrap-servers"),
                "--saas.security.jwks-uri=" + environment.getProperty("saas.security.jwks-uri"),
                "--saas.security.issuer=" + environment.getProperty("saas.security.issuer"),
                "--saas.security.audience=" + environment.getProperty("saas.security.audience"),
                "--saas.inbox.group-id=flags-service-replica-" + UUID.randomUUID());
  }

  @AfterAll
  void stopTheOtherReplica() {
    otherReplica.close();
  }

  @BeforeEach
  void setUp() {
    first = FlagsApi.on(port);
    second = FlagsApi.on(((WebServerApplicationContext) otherReplica).getWebServer().getPort());
    userId = UUID.randomUUID();
    user = TestTokens.user(userId);
  }

  @Test
  void flagCreatedOnOneReplicaIsEvaluatedOnTheOther() {
    first.create("replicated", Map.of());

    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> second.values(user).path("replicated").asBoolean());
  }

  @Test
  void changesAndOverridesReachTheOtherReplica() {
    first.create("replicated-change", Map.of("rolloutPercentage", 0));
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> second.values(user).has("replicated-change"));

    second.override("replicated-change", userId, true);
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> first.values(user).path("replicated-change").asBoolean());

    first.change("replicated-change", Map.of("enabled", false));
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !second.values(user).path("replicated-change").asBoolean());

    first.http().delete("/api/v1/flags/replicated-change", first.admin());
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !second.values(user).has("replicated-change"));
  }

  @Test
  void theReplicaThatMadeTheChangeSeesItAtOnce() {
    first.create("read-your-write", Map.of("userIds", List.of(userId), "rolloutPercentage", 0));

    assertThat(first.values(user).path("read-your-write").asBoolean()).isTrue();
  }
}
