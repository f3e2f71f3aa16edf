package com.acme.saas.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.e2e.Suite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stack's own Redis (STACK_REDIS=own) is stopped: authenticated routes keep answering within
 * their usual latency (rate limits fail open), the auth routes configured fail-closed
 * (RATE_LIMIT_FAIL_CLOSED, login here) answer 503 with Retry-After, and once Redis is back the
 * limits are enforced again.
 */
class RedisStoppedDrill {

  private static final int SAMPLES = 20;

  /**
   * The gateway waits on Redis at most its redis-timeout (250 ms); a refused connection answers
   * sooner.
   */
  private static final long SLOWER_BY_AT_MOST_MS = 300;

  @Test
  void routesFailOpenLoginFailsClosedAndLimitsReturnWithRedis() throws InterruptedException {
    assertThat(Suite.setting("STACK_REDIS", "machine"))
        .as(
            "the drill stops the stack's own Redis: start the stack with STACK_REDIS=own (the machine's Redis is shared)")
        .isEqualTo("own");
    assertThat(List.of(Suite.setting("RATE_LIMIT_FAIL_CLOSED", "").split(",")))
        .as(
            "the drill expects login to fail closed: start the stack with RATE_LIMIT_FAIL_CLOSED=login")
        .contains("login");
    var user = Suite.register();
    long usual = median(latenciesOfMe(user));

    LocalStack.stop("redis");
    try {
      List<Long> during = latenciesOfMe(user);
      System.out.printf(
          "drill redis-stopped: /users/me median %d ms with Redis, %d ms (max %d) without%n",
          usual, median(during), Collections.max(during));
      assertThat(median(during))
          .as("/users/me without Redis, median ms")
          .isLessThan(usual + SLOWER_BY_AT_MOST_MS);
      assertThat(Collections.max(during))
          .as("/users/me without Redis, slowest ms")
          .isLessThan(1_000);
      assertThat(
              Suite.api()
                  .post("/api/v1/tasks", user.accessToken(), Map.of("title", "without Redis"))
                  .status())
          .isEqualTo(201);

      var login = Answers.timed(() -> Suite.login(user.email(), user.password()));
      Answers.assertUnavailableFast(
          "login without Redis (fail-closed)", login, Duration.ofSeconds(1));
    } finally {
      LocalStack.start("redis");
    }

    // Back: login answers again, and one client address is refused after the login limit (10 in 15
    // min).
    // An address of its own, and an email nobody has, so no account gets locked on the way.
    String ip = Suite.clientIp();
    String nobody = "nobody-" + System.nanoTime() + "@example.test";
    long enforcedMs =
        Answers.await(
            "the login limit enforced again",
            Duration.ofSeconds(30),
            () -> {
              var login =
                  Suite.api()
                      .call("POST", "/api/v1/auth/login")
                      .header("X-Forwarded-For", ip)
                      .json(Map.of("email", nobody, "password", "Not-the-password-1"))
                      .send();
              assertThat(login.status()).as("login after Redis is back: %s", login).isIn(401, 429);
              return login.status() == 429
                  && "RATE_LIMIT_EXCEEDED".equals(login.errorCode())
                  && login.header("Retry-After") != null;
            });
    System.out.printf(
        "drill redis-stopped: limits enforced again %d ms after Redis was back%n", enforcedMs);
    assertThat(Suite.login(user.email(), user.password()).status())
        .as("login from another address")
        .isEqualTo(200);
  }

  private static List<Long> latenciesOfMe(Suite.Session user) {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      var me = Answers.timed(() -> Suite.api().get("/api/v1/users/me", user.accessToken()));
      assertThat(me.response().status()).as("/users/me: %s", me.response()).isEqualTo(200);
      millis.add(me.millis());
    }
    return millis;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
