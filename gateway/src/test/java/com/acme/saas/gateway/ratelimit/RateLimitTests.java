package com.acme.saas.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.gateway.support.SecondGateway;
import com.acme.saas.gateway.support.Services;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.cloud.gateway.server.webflux.trusted-proxies=127\\.0\\.0\\.1",
      "saas.gateway.rate-limit.default-policy.limit=5"
    })
@RealInfrastructure
class RateLimitTests {

  private static final String LOGIN = "/api/v1/auth/login";

  @LocalServerPort int port;
  @Autowired Environment environment;
  @Autowired ReactiveStringRedisTemplate redis;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    Services.register(registry);
  }

  @Test
  void eleventhLoginFromOneAddressIsRefusedWhileAnotherAddressPasses() {
    String address = randomAddress();
    for (int attempt = 1; attempt <= 10; attempt++) {
      HttpApi.Response response = login(port, address);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      assertThat(response.header("RateLimit-Policy")).isEqualTo("\"login\";q=10;w=900");
      assertThat(response.header("RateLimit")).startsWith("\"login\";r=" + (10 - attempt) + ";t=");
    }

    HttpApi.Response refused = login(port, address);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
    // At most the rest of this window plus the time this window's 10 take, weighed in the next
    // one, to leave room for an 11th: 900 s + 900 s / 10.
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 990);
    assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"login\";q=10;w=900");
    assertThat(refused.header("RateLimit")).startsWith("\"login\";r=0;t=");
    assertThat(login(port, randomAddress()).status()).isEqualTo(200);
  }

  @Test
  void theSecondStepOfALoginIsLimitedPerAddressOnItsOwnCounter() {
    String address = randomAddress();
    assertThat(login(port, address).status()).isEqualTo(200);
    for (int attempt = 1; attempt <= 10; attempt++) {
      HttpApi.Response response = loginMfa(address);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      assertThat(response.header("RateLimit-Policy")).isEqualTo("\"login-mfa\";q=10;w=900");
    }

    HttpApi.Response refused = loginMfa(address);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(login(port, address).header("RateLimit"))
        .as("the password step counts apart")
        .startsWith("\"login\";r=8;t=");
    assertThat(loginMfa(randomAddress()).status()).isEqualTo(200);
  }

  @Test
  void sixthPasswordResetFromOneAddressIsRefused() {
    String address = randomAddress();
    for (int attempt = 1; attempt <= 5; attempt++) {
      HttpApi.Response response = passwordReset(port, address);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      assertThat(response.header("RateLimit-Policy")).isEqualTo("\"password-reset\";q=5;w=3600");
    }

    HttpApi.Response refused = passwordReset(port, address);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(passwordReset(port, randomAddress()).status()).isEqualTo(200);
  }

  @Test
  void sixthVerificationResendOfAnHourFromOneAddressIsRefused() {
    String address = randomAddress();
    String token = TestTokens.user(UUID.randomUUID());
    for (int attempt = 1; attempt <= 5; attempt++) {
      HttpApi.Response response =
          HttpApi.local(port)
              .call("POST", "/api/v1/auth/verify-email/resend")
              .bearer(token)
              .header("X-Forwarded-For", address)
              .send();
      assertThat(response.header("RateLimit-Policy"))
          .as(response.toString())
          .isEqualTo("\"verify-email-resend\";q=5;w=3600");
    }

    HttpApi.Response refused =
        HttpApi.local(port)
            .call("POST", "/api/v1/auth/verify-email/resend")
            .bearer(token)
            .header("X-Forwarded-For", address)
            .send();

    assertThat(refused.status()).isEqualTo(429);
  }

  @Test
  void everyOtherRouteIsLimitedPerUser() {
    String token = TestTokens.user(UUID.randomUUID());
    for (int i = 0; i < 5; i++) {
      assertThat(HttpApi.local(port).get("/api/v1/tasks", token).status()).isEqualTo(200);
    }

    HttpApi.Response refused = HttpApi.local(port).get("/api/v1/tasks", token);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"default\";q=5;w=60");
    assertThat(
            HttpApi.local(port).get("/api/v1/tasks", TestTokens.user(UUID.randomUUID())).status())
        .isEqualTo(200);
  }

  @Test
  void aBurstAtTheEndOfOneWindowAndTheStartOfTheNextStaysNearTheLimit() throws Exception {
    // Windows start at multiples of their length on Redis's clock. A fixed window started by the
    // first request lets 10 through just before it ends and 10 more right after; a sliding one
    // lets only the few that the time since the boundary has freed.
    long window = 4_000;
    int limit = 10;
    try (SecondGateway gateway =
        SecondGateway.start(
            environment,
            Map.of(
                "saas.gateway.rate-limit.default-policy.limit",
                Integer.toString(limit),
                "saas.gateway.rate-limit.default-policy.window",
                window + "ms"))) {
      String token = TestTokens.user(UUID.randomUUID());
      long offset = redisClockOffset();
      long boundary = (now(offset) / window + 1) * window;
      sleepUntil(boundary + 50, offset);
      assertThat(HttpApi.local(gateway.port()).get("/api/v1/tasks", token).status()).isEqualTo(200);
      sleepUntil(boundary + window - 1_000, offset);
      int passedBefore = passed(gateway.port(), token, limit - 1);
      sleepUntil(boundary + window + 200, offset);

      int passedAfter = passed(gateway.port(), token, limit);

      assertThat(passedBefore).isEqualTo(limit - 1);
      assertThat(passedAfter).as("requests passed right after the boundary").isLessThanOrEqualTo(3);
      HttpApi.Response refused = HttpApi.local(gateway.port()).get("/api/v1/tasks", token);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("RateLimit")).startsWith("\"default\";r=0;t=");
      assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 4);
    }
  }

  @Test
  void theLimitComesBackAsTheWindowSlides() throws Exception {
    long window = 2_000;
    try (SecondGateway gateway =
        SecondGateway.start(
            environment,
            Map.of(
                "saas.gateway.rate-limit.default-policy.limit",
                "4",
                "saas.gateway.rate-limit.default-policy.window",
                window + "ms"))) {
      String token = TestTokens.user(UUID.randomUUID());
      long offset = redisClockOffset();
      long boundary = (now(offset) / window + 1) * window;
      sleepUntil(boundary + 50, offset);
      assertThat(passed(gateway.port(), token, 6)).isEqualTo(4);
      HttpApi.Response refused = HttpApi.local(gateway.port()).get("/api/v1/tasks", token);
      long retryAfter = Long.parseLong(refused.header("Retry-After"));
      assertThat(retryAfter).as("the earliest time one more request passes").isBetween(1L, 3L);

      // Half-way through the next window half of the previous window's 4 requests count.
      sleepUntil(boundary + window + window / 2 + 100, offset);

      assertThat(passed(gateway.port(), token, 4)).isEqualTo(2);
    }
  }

  @Test
  void batchedPolicyNeverPassesItsLimitAcrossReplicasAndRefusesEarlyByAtMostOneBatch() {
    // Each replica reserves 5 of the user's 6 requests at a time in Redis and hands them out
    // itself.
    Map<String, String> batched =
        Map.of(
            "saas.gateway.rate-limit.default-policy.limit",
            "6",
            "saas.gateway.rate-limit.default-policy.batch",
            "5");
    try (SecondGateway first = SecondGateway.start(environment, batched);
        SecondGateway second = SecondGateway.start(environment, batched)) {
      String token = TestTokens.user(UUID.randomUUID());
      HttpApi.Response firstAnswer = HttpApi.local(first.port()).get("/api/v1/tasks", token);
      assertThat(firstAnswer.status()).isEqualTo(200);
      assertThat(firstAnswer.header("RateLimit")).startsWith("\"default\";r=5;t=");

      assertThat(passed(second.port(), token, 3))
          .as("the second replica gets what the first left in Redis")
          .isEqualTo(1);
      assertThat(passed(first.port(), token, 6))
          .as("the first replica uses up its reservation")
          .isEqualTo(4);
      assertThat(HttpApi.local(second.port()).get("/api/v1/tasks", token).status()).isEqualTo(429);

      String alternating = TestTokens.user(UUID.randomUUID());
      int total = 0;
      for (int i = 0; i < 10; i++) {
        total += passed(i % 2 == 0 ? first.port() : second.port(), alternating, 1);
      }
      assertThat(total).isEqualTo(6);
    }
  }

  @Test
  void aHotClientGetsLargerBatchesAndStillNeverPassesItsLimitAcrossReplicas() throws Exception {
    // Batches start at 10 and may double up to a tenth of the limit (100) for a client whose
    // requests wait on Redis: 32 clients sending as fast as they can make sure they do.
    int limit = 1000;
    long window = 600_000;
    Map<String, String> hot =
        Map.of(
            "saas.gateway.rate-limit.default-policy.limit",
            Integer.toString(limit),
            "saas.gateway.rate-limit.default-policy.batch",
            "10",
            "saas.gateway.rate-limit.default-policy.window",
            window + "ms");
    try (SecondGateway first = SecondGateway.start(environment, hot);
        SecondGateway second = SecondGateway.start(environment, hot)) {
      String token = TestTokens.user(UUID.randomUUID());
      // Across a window boundary the sliding window rightly frees some of the limit: stay in one.
      long offset = redisClockOffset();
      long intoWindow = now(offset) % window;
      if (window - intoWindow < 30_000) {
        sleepUntil(now(offset) - intoWindow + window + 100, offset);
      }
      long redisCallsBefore = rateLimitScriptCalls();
      AtomicInteger passed = new AtomicInteger();
      try (ExecutorService clients = Executors.newFixedThreadPool(32)) {
        for (int i = 0; i < 1400; i++) {
          int port = i % 2 == 0 ? first.port() : second.port();
          clients.submit(() -> passed.addAndGet(passed(port, token, 1)));
        }
      }
      long redisCalls = rateLimitScriptCalls() - redisCallsBefore;

      assertThat(passed.get()).as("never more than the limit").isLessThanOrEqualTo(limit);
      // Each replica may hold fewer than 1.5 of its batches (at most 100 each) unused.
      assertThat(passed.get())
          .as("refused early by less than 1.5 batches per replica")
          .isGreaterThan(limit - 2 * 150);
      // Batches of 10 would take a Redis call per 10 passed requests at the least.
      assertThat(redisCalls)
          .as("Redis calls for %d passed requests", passed.get())
          .isLessThan(passed.get() / 10);
    }
  }

  @Test
  void forwardedForIsIgnoredFromAnUntrustedPeer() {
    try (SecondGateway untrusting =
        SecondGateway.start(
            environment, Map.of("spring.cloud.gateway.server.webflux.trusted-proxies", ""))) {
      String address = randomAddress();
      int refusedBefore = 0;
      for (int i = 0; i < 12; i++) {
        if (login(untrusting.port(), randomAddress()).status() == 429) {
          refusedBefore++;
        }
      }
      assertThat(refusedBefore)
          .as("different X-Forwarded-For values count as one peer")
          .isGreaterThan(0);
      assertThat(login(port, address).status()).isEqualTo(200);
    }
  }

  @Test
  void limitsAreSharedByEveryGatewayReplica() {
    try (SecondGateway replica = SecondGateway.start(environment, Map.of())) {
      String address = randomAddress();
      for (int i = 0; i < 5; i++) {
        assertThat(login(port, address).status()).isEqualTo(200);
        assertThat(login(replica.port(), address).status()).isEqualTo(200);
      }

      assertThat(login(replica.port(), address).status()).isEqualTo(429);
      assertThat(login(port, address).status()).isEqualTo(429);
    }
  }

  @Test
  void requestsPassWhileRedisIsUnreachable() throws Exception {
    try (SecondGateway withoutRedis =
        SecondGateway.start(
            environment, Map.of("spring.data.redis.port", Integer.toString(deadPort())))) {
      String address = randomAddress();
      for (int i = 0; i < 12; i++) {
        HttpApi.Response response = login(withoutRedis.port(), address);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("RateLimit")).isNull();
      }
      String token = TestTokens.user(UUID.randomUUID());
      assertThat(passed(withoutRedis.port(), token, 12))
          .as("the batched per-user policy fails open too")
          .isEqualTo(12);
    }
  }

  @Test
  void failClosedPolicyRefusesWhileRedisIsUnreachable() throws Exception {
    try (SecondGateway failClosed =
        SecondGateway.start(
            environment,
            Map.of(
                "spring.data.redis.port",
                Integer.toString(deadPort()),
                "saas.gateway.rate-limit.fail-closed",
                "login"))) {
      HttpApi.Response login = login(failClosed.port(), randomAddress());
      assertThat(login.status()).isEqualTo(503);
      assertThat(login.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
      assertThat(login.header("Retry-After")).isNotNull();

      assertThat(HttpApi.local(failClosed.port()).get("/api/v1/billing/plans", null).status())
          .isEqualTo(200);
    }
  }

  private static HttpApi.Response login(int port, String address) {
    return HttpApi.local(port)
        .call("POST", LOGIN)
        .header("X-Forwarded-For", address)
        .json("{\"email\":\"a@example.com\",\"password\":\"Secret123\"}")
        .send();
  }

  private HttpApi.Response loginMfa(String address) {
    return HttpApi.local(port)
        .call("POST", "/api/v1/auth/login/mfa")
        .header("X-Forwarded-For", address)
        .json("{\"challenge\":\"c\",\"code\":\"123456\"}")
        .send();
  }

  private static HttpApi.Response passwordReset(int port, String address) {
    return HttpApi.local(port)
        .call("POST", "/api/v1/auth/password-reset")
        .header("X-Forwarded-For", address)
        .json("{\"email\":\"a@example.com\"}")
        .send();
  }

  private static int passed(int port, String token, int requests) {
    int passed = 0;
    for (int i = 0; i < requests; i++) {
      int status = HttpApi.local(port).get("/api/v1/tasks", token).status();
      assertThat(status).isIn(200, 429);
      passed += status == 200 ? 1 : 0;
    }
    return passed;
  }

  /** How often Redis has run a script (the rate limiter's only command) since it started. */
  private long rateLimitScriptCalls() {
    Properties stats =
        redis.execute(connection -> connection.serverCommands().info("commandstats")).blockFirst();
    long calls = 0;
    for (String command : List.of("cmdstat_evalsha", "cmdstat_eval")) {
      String line = stats.getProperty(command, "calls=0,");
      calls += Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
    }
    return calls;
  }

  /** Redis's clock minus this JVM's, in ms: the rate limiter's windows follow Redis's. */
  private long redisClockOffset() {
    long before = System.currentTimeMillis();
    Long redisNow = redis.execute(connection -> connection.serverCommands().time()).blockFirst();
    long after = System.currentTimeMillis();
    return redisNow - (before + after) / 2;
  }

  private static long now(long offset) {
    return System.currentTimeMillis() + offset;
  }

  private static void sleepUntil(long redisMillis, long offset) throws InterruptedException {
    long wait = redisMillis - now(offset);
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  private static String randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  private static int deadPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
