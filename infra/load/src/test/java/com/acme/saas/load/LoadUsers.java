package com.acme.saas.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The users of a load run, registered through the gateway before it starts. Each has its own
 * address (sent as {@code X-Forwarded-For}, which the gateway honours from loopback), so the per-IP
 * limits of register, login and refresh meet many clients as in production, and its own token, so
 * the per-user limit does too.
 */
final class LoadUsers {

  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern REFRESH_TOKEN =
      Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

  /** One registered user. */
  static final class User {
    final String email;
    final String password;
    final String address;
    final String accessToken;
    private final AtomicReference<String> refreshToken;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    User(String email, String password, String address, String accessToken, String refreshToken) {
      this.email = email;
      this.password = password;
      this.address = address;
      this.accessToken = accessToken;
      this.refreshToken = new AtomicReference<>(refreshToken);
    }

    /**
     * The refresh token to rotate, or null while another virtual user rotates this user's: a
     * refresh token sent twice is reuse, which revokes the whole family.
     */
    String takeRefreshToken() {
      return refreshing.compareAndSet(false, true) ? refreshToken.get() : null;
    }

    /** The rotated token (or, after a failed rotation, none: the old one stays). */
    void giveBackRefreshToken(String rotated) {
      if (rotated != null) {
        refreshToken.set(rotated);
      }
      refreshing.set(false);
    }
  }

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private LoadUsers() {}

  /** Registers {@code count} users, a few at a time (each registration hashes a password). */
  static List<User> register(String gateway, String runId, int count) throws Exception {
    Semaphore inFlight = new Semaphore(4);
    List<Future<User>> pending = new ArrayList<>(count);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        int index = i;
        pending.add(
            executor.submit(
                () -> {
                  inFlight.acquire();
                  try {
                    return registerOne(gateway, runId, index);
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      List<User> users = new ArrayList<>(count);
      for (Future<User> user : pending) {
        users.add(user.get());
      }
      return users;
    }
  }

  private static User registerOne(String gateway, String runId, int index)
      throws IOException, InterruptedException {
    String email = "load-" + runId + "-" + index + "@example.com";
    String password = "Load-" + runId + "-Pass1";
    String address = randomAddress();
    String body =
        "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Load user %d\"}"
            .formatted(email, password, index);
    HttpResponse<String> answer =
        post(gateway + "/api/v1/auth/register", "X-Forwarded-For", address, body);
    expect(answer, "registering " + email, 201);
    return new User(
        email,
        password,
        address,
        field(ACCESS_TOKEN, answer.body()),
        field(REFRESH_TOKEN, answer.body()));
  }

  /** Logs in as the admin and returns its access token. */
  static String adminToken(String gateway, String email, String password)
      throws IOException, InterruptedException {
    String body = "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password);
    HttpResponse<String> answer =
        post(gateway + "/api/v1/auth/login", "X-Forwarded-For", randomAddress(), body);
    expect(answer, "the admin's login", 200);
    return field(ACCESS_TOKEN, answer.body());
  }

  /** Creates a flag for plans free and pro at 50 % unless it exists (a 409 keeps it). */
  static void ensureFlag(String gateway, String adminToken, String key)
      throws IOException, InterruptedException {
    String body =
        """
        {"key":"%s","description":"load test","enabled":true,"rolloutPercentage":50,
         "plans":["free","pro"]}
        """
            .formatted(key);
    HttpResponse<String> answer =
        post(gateway + "/api/v1/flags", "Authorization", "Bearer " + adminToken, body);
    expect(answer, "creating the flag " + key, 201, 409);
  }

  /** A JSON POST with one more header. */
  private static HttpResponse<String> post(String url, String header, String value, String body)
      throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(HttpResponse<String> answer, String what, int... statuses) {
    for (int status : statuses) {
      if (answer.statusCode() == status) {
        return;
      }
    }
    throw new IllegalStateException(
        what + " answered " + answer.statusCode() + ": " + answer.body());
  }

  static String field(Pattern pattern, String json) {
    Matcher matcher = pattern.matcher(json);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + pattern + " in " + json);
    }
    return matcher.group(1);
  }

  /** An address from 10.0.0.0/8, as a client behind the trusted proxy would have. */
  private static String randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }
}
