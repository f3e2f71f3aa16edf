package com.acme.saas.e2e.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.e2e.ErrorCatalogue;
import com.acme.saas.e2e.Suite;
import com.acme.saas.e2e.fuzz.Callers.Caller;
import com.acme.saas.e2e.fuzz.Operations.Operation;
import com.acme.saas.testsupport.RawHttp;
import com.acme.saas.testsupport.TestTokens;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fuzz run: requests generated from the gateway's OpenAPI document, for every operation, each
 * with something wrong (see {@link BadRequests}) and a token of any kind, sent through the gateway
 * of the running suite. Every answer keeps to the {@link Contract}; a request that was refused
 * changed nothing the caller can read. Seeded and bounded ({@link FuzzSettings}): a failure names
 * the seed and the request, so {@code -Dfuzz.seed=...} replays the run.
 */
class OpenApiFuzz {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final RawHttp GATEWAY = RawHttp.local(URI.create(Suite.GATEWAY_URL).getPort());
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

  /** Each answer may be at most this many times a 429 (the limits are spread, not met). */
  private static final double MAX_RATE_LIMITED = 0.05;

  private static Operations operations;
  private static Callers callers;
  private static Contract contract;
  private static final Set<String> sent = new HashSet<>();
  private static final List<String> failures = new ArrayList<>();
  private static final Map<String, Map<Integer, Integer>> answers = new TreeMap<>();
  private static final Map<Draft.Token, Map<Integer, Integer>> byToken = new TreeMap<>();
  private static long started;

  @BeforeContainer
  static void prepare() {
    operations = Operations.fromGateway();
    assertThat(operations.all()).as("operations in the OpenAPI document").hasSizeGreaterThan(10);
    contract =
        new Contract(
            ErrorCatalogue.codes(),
            List.of("http://127.0.0.1:" + Suite.setting("STRIPE_STUB_PORT", "12111")));
    // A try is ~1.4 requests (snapshot reads included), two in three as a USER; the run takes
    // less than a minute, so each caller stays near half the gateway's limit of 100 a minute.
    int tries = FuzzSettings.tries();
    long preparing = System.nanoTime();
    callers = Callers.prepare(Math.max(4, tries / 60), Math.max(2, tries / 120));
    started = System.nanoTime();
    System.out.printf(
        "fuzz: seed %s, %d tries, %d operations, callers ready in %d s%n",
        FuzzSettings.seed(), tries, operations.all().size(), (started - preparing) / 1_000_000_000);
  }

  @Provide
  Arbitrary<Draft> requests() {
    return new BadRequests(operations).drafts();
  }

  @Property
  @AddLifecycleHook(FuzzSettings.class)
  void everyAnswerKeepsToTheContract(@ForAll("requests") Draft draft) {
    Caller caller = callers.next(draft.as());
    Operation op = draft.operation();
    Optional<String> snapshot = op.changesState() ? snapshotOf(op, caller) : Optional.empty();
    String before = snapshot.map(target -> read(target, caller)).orElse(null);

    byte[] request = build(draft, caller);
    RawHttp.Response answer = GATEWAY.send(request);
    sent.addAll(draft.sent());
    answers
        .computeIfAbsent(op.toString(), k -> new TreeMap<>())
        .merge(answer.status(), 1, Integer::sum);
    byToken
        .computeIfAbsent(draft.token(), k -> new TreeMap<>())
        .merge(answer.status(), 1, Integer::sum);

    List<String> wrong =
        new ArrayList<>(
            contract.violations(
                op.path(), answer, sent, answer.status() == 503 && dependencyDown()));
    if (before != null && answer.status() >= 400 && answer.status() < 500) {
      String after = read(snapshot.get(), caller);
      if (after != null && !after.equals(before)) {
        wrong.add(
            "a refused request changed GET "
                + snapshot.get()
                + ": before "
                + before
                + ", after "
                + after);
      }
    }
    if (!wrong.isEmpty()) {
      String failure =
          "seed %s (-Dfuzz.seed=%s): %s%n  answer: %s %s%n  request (%s):%n%s"
              .formatted(
                  FuzzSettings.seed(),
                  FuzzSettings.seed(),
                  String.join("; ", wrong),
                  answer.status(),
                  BadRequests.abbreviate(answer.body()),
                  draft,
                  printable(request));
      System.out.println("fuzz failure: " + failure);
      failures.add(failure);
    }
    afterwards(draft, caller, answer);
  }

  @AfterContainer
  static void report() {
    System.out.printf(
        "fuzz: %d requests in %d s; answers by operation and status%n",
        answers.values().stream().flatMap(m -> m.values().stream()).mapToInt(i -> i).sum(),
        (System.nanoTime() - started) / 1_000_000_000);
    answers.forEach((op, statuses) -> System.out.printf("  %-55s %s%n", op, statuses));
    System.out.println("fuzz: answers by token");
    byToken.forEach((token, statuses) -> System.out.printf("  %-55s %s%n", token, statuses));
    assertThat(failures)
        .as("fuzz seed %s: requests whose answers broke the contract", FuzzSettings.seed())
        .isEmpty();
    List<String> missed =
        operations.all().stream()
            .map(Operation::toString)
            .filter(
                op ->
                    answers.getOrDefault(op, Map.of()).values().stream().mapToInt(i -> i).sum() < 3)
            .toList();
    assertThat(missed).as("operations the run sent fewer than 3 requests").isEmpty();
    int total = answers.values().stream().flatMap(m -> m.values().stream()).mapToInt(i -> i).sum();
    int limited = answers.values().stream().mapToInt(m -> m.getOrDefault(429, 0)).sum();
    assertThat((double) limited / total)
        .as("share of answers that were 429 (%d of %d)", limited, total)
        .isLessThan(MAX_RATE_LIMITED);
  }

  /** Fixtures the request used up are made again; a session it ended is opened again. */
  private static void afterwards(Draft draft, Caller caller, RawHttp.Response answer) {
    Operation op = draft.operation();
    boolean realIds = draft.pathValues().isEmpty();
    if (answer.status() / 100 == 2 && op.method().equals("DELETE") && realIds) {
      switch (op.path()) {
        case "/api/v1/tasks/{id}" -> callers.ensureTask(caller);
        case "/api/v1/users/{id}" -> callers.newVictim();
        case "/api/v1/flags/{key}" -> callers.newFlag();
        default -> {}
      }
    }
    if (draft.token() == Draft.Token.OWN
        && answer.status() == 401
        && Suite.api().get("/api/v1/users/me", caller.token()).status() == 401) {
      caller.logInAgain();
    }
  }

  // --- the request ---------------------------------------------------------------------------

  private static byte[] build(Draft draft, Caller caller) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "127.0.0.1:" + URI.create(Suite.GATEWAY_URL).getPort());
    headers.put("X-Forwarded-For", Suite.clientIp());
    String authorization = authorization(draft.token(), caller);
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    if (draft.accept() != null) {
      headers.put("Accept", draft.accept());
    }
    draft
        .pathValues()
        .forEach(
            (name, value) -> {
              if (name.startsWith("header:")) {
                headers.put(name.substring("header:".length()), value);
              }
            });
    if (draft.contentType() != null) {
      headers.put("Content-Type", draft.contentType());
    }
    byte[] body = draft.body() == null ? new byte[0] : draft.body();
    if (draft.body() != null) {
      headers.put("Content-Length", String.valueOf(body.length));
    }
    headers.put("Connection", "close");
    String target = target(draft.operation().path(), draft.pathValues(), caller);
    if (!draft.query().isEmpty()) {
      target += "?" + String.join("&", draft.query());
    }
    StringBuilder head = new StringBuilder(draft.operation().method()).append(' ').append(target);
    head.append(" HTTP/1.1\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    var bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  /** The path with its parameters: the draft's bad values, else the ids the caller owns. */
  private static String target(String template, Map<String, String> values, Caller caller) {
    Matcher param = PATH_PARAM.matcher(template);
    StringBuilder path = new StringBuilder();
    while (param.find()) {
      String name = param.group(1);
      String value = values.containsKey(name) ? values.get(name) : owned(template, name, caller);
      param.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    param.appendTail(path);
    return path.toString();
  }

  private static String owned(String template, String name, Caller caller) {
    if (template.startsWith("/api/v1/tasks/") && caller.taskId != null) {
      return caller.taskId;
    }
    if (template.startsWith("/api/v1/users/") || name.equals("userId")) {
      return callers.victimId;
    }
    if (name.equals("key")) {
      return callers.flagKey;
    }
    return UUID.randomUUID().toString();
  }

  private static @Nullable String authorization(Draft.Token token, Caller caller) {
    UUID id = UUID.fromString(caller.session.userId());
    return switch (token) {
      case OWN -> "Bearer " + caller.token();
      case NONE -> null;
      case GARBAGE -> "Bearer not.a.jwt";
      case FOREIGN_KEY -> "Bearer " + TestTokens.token(id, caller.role.name(), claims -> {});
      case UNSIGNED -> "Bearer " + unsigned(caller);
      case REFRESH -> "Bearer " + caller.session.refreshToken();
      case BASIC -> "Basic dXNlcjpwYXNzd29yZA==";
    };
  }

  /** The caller's own claims under {@code alg: none}, without a signature. */
  private static String unsigned(Caller caller) {
    String[] parts = caller.token().split("\\.");
    var encoder = Base64.getUrlEncoder().withoutPadding();
    String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    return header + "." + (parts.length > 1 ? parts[1] : "") + ".";
  }

  // --- what a refused request must not change ------------------------------------------------

  /**
   * The GET that shows what {@code op} would change: the same path, else the nearest parent path,
   * as the caller; none for operations without one (auth, billing sessions).
   */
  private static Optional<String> snapshotOf(Operation op, Caller caller) {
    for (String path = op.path(); path.startsWith("/api/v1/"); ) {
      if (operations.find("GET", path).isPresent()) {
        return Optional.of(target(path, Map.of(), caller));
      }
      path = path.substring(0, path.lastIndexOf('/'));
    }
    return Optional.empty();
  }

  /**
   * The state a GET shows (data, and meta without its timestamp), or null if it did not answer 200.
   */
  private static @Nullable String read(String target, Caller caller) {
    var response = Suite.api().get(target, caller.token());
    if (response.status() != 200) {
      return null;
    }
    JsonNode body = response.json();
    return JSON.writeValueAsString(body.path("data")) + " " + body.path("meta").path("total");
  }

  private static boolean dependencyDown() {
    var health = Suite.api().get("/actuator/health", null);
    return health.status() != 200;
  }

  private static String printable(byte[] request) {
    String text = new String(request, StandardCharsets.UTF_8);
    int bodyAt = text.indexOf("\r\n\r\n");
    String head = bodyAt < 0 ? text : text.substring(0, bodyAt);
    String body = bodyAt < 0 ? "" : text.substring(bodyAt + 4);
    String shownBody =
        body.length() > 1_000
            ? body.substring(0, 1_000) + "... (" + body.length() + " chars)"
            : body;
    return "    "
        + head.replace("\r\n", "\n    ")
        + "\n\n    "
        + shownBody.replace("\u0000", "\\u0000");
  }
}
