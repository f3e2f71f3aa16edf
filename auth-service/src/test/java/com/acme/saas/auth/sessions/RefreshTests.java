package com.acme.saas.auth.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.auth.MovableTime;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.RegisteredUser;
import com.acme.saas.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(MovableTime.class)
class RefreshTests {

  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @InjectApi AuthClient auth;
  RegisteredUser user;

  @BeforeEach
  void setUp() {
    clock.reset();
    // registered here, not injected: the session must start at the clock just reset
    user = RegisteredUser.register(auth.http(), RegisteredUser.newEmail());
  }

  @Test
  void refreshReturnsANewPairAndUsesUpTheOldToken() {
    HttpApi.Response response = auth.refresh(refreshToken(user.session()));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode next = response.data();
    assertThat(next.path("accessToken").asString()).isNotBlank().isNotEqualTo(user.accessToken());
    assertThat(next.path("refreshToken").asString())
        .matches("[A-Za-z0-9_-]{43}")
        .isNotEqualTo(refreshToken(user.session()));
    assertThat(next.path("tokenType").asString()).isEqualTo("Bearer");
    assertThat(next.path("expiresIn").asLong()).isEqualTo(900);
    assertThat(next.has("user")).isFalse();
    assertThat(auth.refresh(refreshToken(next)).status()).isEqualTo(200);
  }

  @Test
  void reusedRefreshTokenRevokesTheFamily() {
    JsonNode next = auth.refresh(refreshToken(user.session())).data();

    HttpApi.Response reuse = auth.refresh(refreshToken(user.session()));

    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.errorCode()).isEqualTo("TOKEN_INVALID");
    HttpApi.Response newer = auth.refresh(refreshToken(next));
    assertThat(newer.status()).as("the newer token dies with its family").isEqualTo(401);
    assertThat(newer.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void reuseLeavesTheUsersOtherSessionsAlone() {
    JsonNode otherSession = auth.loggedIn(user.email(), AuthClient.PASSWORD);
    auth.refresh(refreshToken(user.session()));

    auth.refresh(refreshToken(user.session()));

    assertThat(auth.refresh(refreshToken(otherSession)).status()).isEqualTo(200);
  }

  @Test
  void concurrentRefreshesWithOneTokenLetExactlyOneSucceed() throws Exception {
    String token = refreshToken(user.session());
    int racers = 8;
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
      List<CompletableFuture<Integer>> results =
          java.util.stream.IntStream.range(0, racers)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            await(start);
                            return auth.refresh(token).status();
                          },
                          pool))
              .toList();
      start.countDown();
      List<Integer> statuses = results.stream().map(CompletableFuture::join).toList();

      assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
      assertThat(statuses).filteredOn(status -> status == 401).hasSize(racers - 1);
    }
  }

  @Test
  void unknownAndMalformedTokensAreInvalid() {
    HttpApi.Response unknown = auth.refresh("A".repeat(43));
    HttpApi.Response blank =
        auth.http().post("/api/v1/auth/refresh", null, java.util.Map.of("refreshToken", ""));

    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.errorCode()).isEqualTo("TOKEN_INVALID");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void anAccessTokenIsNotARefreshToken() {
    assertThat(auth.refresh(user.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void expiredRefreshTokenIsInvalid() {
    clock.advance(Duration.ofDays(7).plusSeconds(1));

    HttpApi.Response response = auth.refresh(refreshToken(user.session()));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void aRefreshTokenWorksUntilItsLastDay() {
    clock.advance(Duration.ofDays(7).minusMinutes(1));

    assertThat(auth.refresh(refreshToken(user.session())).status()).isEqualTo(200);
  }

  @Test
  void refreshTokensLiveSevenDaysWithinAThirtyDayFamily() {
    Interval first = interval(refreshToken(user.session()));

    assertThat(first.lifetimeHours()).isBetween(7 * 24 - 1.0, 7 * 24 + 0.1);
    assertThat(first.familyHours()).isBetween(30 * 24 - 1.0, 30 * 24 + 0.1);
  }

  @Test
  void noRefreshOutlivesItsFamily() {
    // Refreshed every six days: the token of day 24 would live to day 31, past the family's 30.
    JsonNode current = user.session();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofDays(6));
      HttpApi.Response refreshed = auth.refresh(refreshToken(current));
      assertThat(refreshed.status())
          .as("refresh on day %d: %s", 6 * (i + 1), refreshed)
          .isEqualTo(200);
      current = refreshed.data();
    }
    Instant[] expiry =
        jdbc.sql(
                "select expires_at, family_expires_at from refresh_tokens where token_hash = :hash")
            .param("hash", Sessions.hash(refreshToken(current)))
            .query(
                (row, n) ->
                    new Instant[] {
                      row.getTimestamp("expires_at").toInstant(),
                      row.getTimestamp("family_expires_at").toInstant()
                    })
            .single();
    assertThat(expiry[0]).isEqualTo(expiry[1]);

    clock.advance(Duration.ofDays(6));
    assertThat(auth.refresh(refreshToken(current)).status())
        .as("on day 30, past the family's end")
        .isEqualTo(401);
  }

  @Test
  void onlyTheHashOfARefreshTokenIsStored() {
    String token = refreshToken(user.session());

    long plain =
        jdbc.sql("select count(*) from refresh_tokens r where strpos(r::text, :token) > 0")
            .param("token", token)
            .query(Long.class)
            .single();
    long hashed =
        jdbc.sql("select count(*) from refresh_tokens where token_hash = :hash")
            .param("hash", Sessions.hash(token))
            .query(Long.class)
            .single();

    assertThat(plain).isZero();
    assertThat(hashed).isOne();
  }

  @Test
  void logoutRevokesThatSessionOnly() {
    JsonNode otherSession = auth.loggedIn(user.email(), AuthClient.PASSWORD);
    JsonNode refreshed = auth.refresh(refreshToken(user.session())).data();

    HttpApi.Response logout =
        auth.logout(refreshed.path("accessToken").asString(), refreshToken(refreshed));

    assertThat(logout.status()).isEqualTo(204);
    assertThat(logout.text()).isEmpty();
    assertThat(auth.refresh(refreshToken(refreshed)).status()).isEqualTo(401);
    assertThat(auth.refresh(refreshToken(otherSession)).status()).isEqualTo(200);
  }

  @Test
  void logoutCannotRevokeSomeoneElsesSession() {
    JsonNode stranger = auth.registered(AuthClient.newEmail());

    assertThat(
            auth.logout(stranger.path("accessToken").asString(), refreshToken(user.session()))
                .status())
        .isEqualTo(204);

    assertThat(auth.refresh(refreshToken(user.session())).status()).isEqualTo(200);
  }

  @Test
  void logoutAllRevokesEverySessionOfTheCaller() {
    JsonNode second = auth.loggedIn(user.email(), AuthClient.PASSWORD);
    JsonNode stranger = auth.registered(AuthClient.newEmail());

    assertThat(auth.logoutAll(second.path("accessToken").asString()).status()).isEqualTo(204);

    assertThat(auth.refresh(refreshToken(user.session())).status()).isEqualTo(401);
    assertThat(auth.refresh(refreshToken(second)).status()).isEqualTo(401);
    assertThat(auth.refresh(refreshToken(stranger)).status()).isEqualTo(200);
  }

  @Test
  void logoutNeedsAnAccessToken() {
    HttpApi.Response response = auth.logout(null, refreshToken(user.session()));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("TOKEN_MISSING");
    assertThat(auth.refresh(refreshToken(user.session())).status()).isEqualTo(200);
  }

  private record Interval(double lifetimeHours, double familyHours) {}

  private Interval interval(String token) {
    return jdbc.sql(
            """
            select extract(epoch from expires_at - created_at) / 3600 as lifetime,
                   extract(epoch from family_expires_at - created_at) / 3600 as family
            from refresh_tokens where token_hash = :hash
            """)
        .param("hash", Sessions.hash(token))
        .query((row, n) -> new Interval(row.getDouble("lifetime"), row.getDouble("family")))
        .single();
  }

  private static String refreshToken(JsonNode data) {
    return data.path("refreshToken").asString();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
