package com.acme.saas.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The suite's request mix through the gateway in steps of constant arrival rates (an open model: a
 * new virtual user every 1/rate seconds, each sending one request, whether or not earlier answers
 * came back, so slow answers cannot slow the load down). Each step's requests are one Gatling
 * group, named for its rate, so the report gives each step its own percentiles. Set with system
 * properties:
 *
 * <ul>
 *   <li>{@code gateway} [http://127.0.0.1:8080]; {@code rates} of the steps, in requests/s
 *       [100,250,500,1000], {@code seconds} each [60], after a warm-up of {@code warmupSeconds}
 *       [60] at {@code warmupRate} [the first rate] for the JIT of every service;
 *   <li>{@code users} registered before the run [1000], each with its own token and address;
 *   <li>{@code adminEmail} / {@code adminPassword}: the admin who creates the flags evaluated.
 * </ul>
 *
 * The mix: 60 % task reads, 14 % {@code /users/me}, 10 % task writes, 10 % flag evaluations (OFREP
 * bulk), 5 % refresh rotations and 1 % logins.
 */
public class SuiteMixSimulation extends Simulation {

  private static final String GATEWAY = System.getProperty("gateway", "http://127.0.0.1:8080");
  private static final List<Integer> RATES =
      Stream.of(System.getProperty("rates", "100,250,500,1000").split(","))
          .map(rate -> Integer.valueOf(rate.trim()))
          .toList();
  private static final int SECONDS = Integer.getInteger("seconds", 60);
  private static final int WARMUP_RATE = Integer.getInteger("warmupRate", RATES.getFirst());
  private static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 60);
  private static final int USERS = Integer.getInteger("users", 1000);
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);
  private static final List<String> FLAGS =
      IntStream.range(0, 10).mapToObj(i -> "load.flag-" + i).toList();

  private volatile List<LoadUsers.User> users = List.of();

  /** Each virtual user is one of the registered users, picked at random. */
  private final Iterator<Map<String, Object>> anyUser =
      Stream.generate(
              () -> {
                LoadUsers.User user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                return Map.<String, Object>of(
                    "user", user,
                    "accessToken", user.accessToken,
                    "address", user.address,
                    "email", user.email,
                    "password", user.password);
              })
          .iterator();

  private final HttpProtocolBuilder protocol =
      http.baseUrl(GATEWAY)
          .acceptHeader("application/json")
          .contentTypeHeader("application/json")
          .header("X-Forwarded-For", "#{address}")
          .shareConnections();

  private final ChainBuilder readTasks =
      exec(
          http("GET /tasks")
              .get("/api/v1/tasks?pageSize=20")
              .header("Authorization", "Bearer #{accessToken}")
              .check(status().is(200)));

  private final ChainBuilder readMe =
      exec(
          http("GET /users/me")
              .get("/api/v1/users/me")
              .header("Authorization", "Bearer #{accessToken}")
              .check(status().is(200)));

  private final ChainBuilder writeTask =
      exec(
          http("POST /tasks")
              .post("/api/v1/tasks")
              .header("Authorization", "Bearer #{accessToken}")
              .body(
                  StringBody(
                      "{\"title\":\"load #{email}\",\"description\":\"from the load test\"}"))
              .check(status().is(201)));

  private final ChainBuilder evaluateFlags =
      exec(
          http("POST /ofrep/v1/evaluate/flags")
              .post("/api/v1/ofrep/v1/evaluate/flags")
              .header("Authorization", "Bearer #{accessToken}")
              .body(StringBody("{\"context\":{}}"))
              .check(status().is(200)));

  /** Rotates the user's refresh token, unless another virtual user is rotating it right now. */
  private final ChainBuilder refresh =
      exec(session -> session.set("refreshToken", user(session).takeRefreshToken()))
          .doIfOrElse(session -> session.getString("refreshToken") != null)
          .then(
              exec(http("POST /auth/refresh")
                      .post("/api/v1/auth/refresh")
                      .body(StringBody("{\"refreshToken\":\"#{refreshToken}\"}"))
                      .check(status().is(200))
                      .check(jsonPath("$.data.refreshToken").saveAs("rotated")))
                  .exec(
                      session -> {
                        user(session).giveBackRefreshToken(session.getString("rotated"));
                        return session;
                      }))
          .orElse(readMe);

  private final ChainBuilder login =
      exec(
          http("POST /auth/login")
              .post("/api/v1/auth/login")
              .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
              .check(status().is(200)));

  private final ChainBuilder mix =
      randomSwitch()
          .on(
              percent(60.0).then(readTasks),
              percent(14.0).then(readMe),
              percent(10.0).then(writeTask),
              percent(10.0).then(evaluateFlags),
              percent(5.0).then(refresh),
              percent(1.0).then(login));

  /** One step: the mix at one rate, its requests grouped under the step's name. */
  private ScenarioBuilder step(String name) {
    return scenario(name).feed(anyUser).group(name).on(mix);
  }

  {
    PopulationBuilder steps =
        step("warm-up at " + WARMUP_RATE + "/s")
            .injectOpen(
                constantUsersPerSec(WARMUP_RATE).during(Duration.ofSeconds(WARMUP_SECONDS)));
    for (int rate : RATES) {
      steps =
          steps.andThen(
              step(rate + "/s")
                  .injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(SECONDS))));
    }
    setUp(steps).protocols(protocol);
  }

  @Override
  public void before() {
    try {
      String adminEmail = System.getProperty("adminEmail");
      String adminPassword = System.getProperty("adminPassword");
      if (adminEmail == null || adminPassword == null) {
        throw new IllegalStateException(
            "set -DadminEmail and -DadminPassword (infra/load/run.sh reads them from the stack)");
      }
      String admin = LoadUsers.adminToken(GATEWAY, adminEmail, adminPassword);
      for (String flag : FLAGS) {
        LoadUsers.ensureFlag(GATEWAY, admin, flag);
      }
      users = LoadUsers.register(GATEWAY, RUN_ID, USERS);
    } catch (Exception e) {
      throw new IllegalStateException("the load run's set-up failed: " + e.getMessage(), e);
    }
  }

  private static LoadUsers.User user(Session session) {
    return (LoadUsers.User) session.get("user");
  }
}
