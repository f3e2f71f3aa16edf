import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The billing benchmark of the local stack (driven by billing-service/bench/run.sh):
 *
 * <ol>
 *   <li>registers USERS + spare users through the gateway (a random X-Forwarded-For each);
 *   <li>warm-up: signed webhooks through the gateway at concurrency 8 in 5 s rounds, then 10
 *       upgrades as measured below, not counted;
 *   <li>propagation: USERS upgrades one after another. Each is a signed
 *       {@code customer.subscription.created} (active, price {@code price_dev_pro},
 *       {@code metadata.userId}) through the gateway; the clock starts at its 200 and stops, for
 *       each side separately, when {@code GET /api/v1/users/me} shows {@code plan: pro} and when
 *       task-service's quota row ({@code tasks.user_plans}, read-only over JDBC) says {@code pro};
 *   <li>intake: distinct signed events (fresh event, subscription, customer and user ids) posted
 *       for INTAKE_SECONDS at each concurrency, through the gateway and directly to
 *       billing-service. After each level an upgrade of a spare user is awaited on both sides
 *       (user-service's and task-service's plan rows, over JDBC):
 *       with the stack's single partition that shows when the consumers have worked off the
 *       level's events, and the next level starts with none left.
 * </ol>
 *
 * Settings come from the environment (run.sh sets them): GATEWAY_URL, BILLING_URL, JDBC_URL,
 * STRIPE_WEBHOOK_SECRET, STRIPE_OBJECTS, PRICE_ID, USERS, WARMUP_MIN, WARMUP_MAX,
 * INTAKE_SECONDS, INTAKE_MAX_EVENTS, CONCURRENCIES. Traffic goes to those URLs only.
 */
public class BillingBench {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  static final String WEBHOOK_PATH = "/api/v1/webhooks/stripe";
  /** How long a measured upgrade may take to show; an upgrade that waits behind a backlog (a drain) may take DRAIN_LIMIT_MS. */
  static final long VISIBLE_LIMIT_MS = 10_000;
  static final long DRAIN_LIMIT_MS = 300_000;

  static String gateway;
  static String billing;
  static String jdbcUrl;
  static String secret;
  static String priceId;
  static EventTemplate template;

  record User(String id, String token) {}

  public static void main(String[] args) throws Exception {
    gateway = env("GATEWAY_URL", null);
    billing = env("BILLING_URL", null);
    jdbcUrl = env("JDBC_URL", null);
    secret = env("STRIPE_WEBHOOK_SECRET", null);
    priceId = env("PRICE_ID", "price_dev_pro");
    template = new EventTemplate(Path.of(env("STRIPE_OBJECTS", null)));
    int users = Integer.parseInt(env("USERS", "200"));
    int warmupMin = Integer.parseInt(env("WARMUP_MIN", "60"));
    int warmupMax = Integer.parseInt(env("WARMUP_MAX", "150"));
    int intakeSeconds = Integer.parseInt(env("INTAKE_SECONDS", "10"));
    int intakeMax = Integer.parseInt(env("INTAKE_MAX_EVENTS", "20000"));
    int[] concurrencies = Arrays.stream(env("CONCURRENCIES", "1 8 32").trim().split("[ ,]+")).mapToInt(Integer::parseInt).toArray();
    int warmupUpgrades = 10;
    int spares = 1 + 2 * concurrencies.length;

    log("registering %d users through the gateway", users + warmupUpgrades + spares);
    List<User> all = register(users + warmupUpgrades + spares);
    List<User> measured = all.subList(0, users);
    List<User> warm = all.subList(users, users + warmupUpgrades);
    List<User> spare = new ArrayList<>(all.subList(users + warmupUpgrades, all.size()));

    try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Connection second = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      db.setReadOnly(true);
      second.setReadOnly(true);
      Quota quota = new Quota(db, second);

      log("warm-up: webhooks through the gateway at concurrency 8 in 5 s rounds for %d-%d s, until the best of the last four rounds is within 5%% of the best before them", warmupMin, warmupMax);
      List<Double> rounds = new ArrayList<>();
      long warmupStart = System.nanoTime();
      while (true) {
        Level round = intake(gateway, true, 8, 5, intakeMax);
        rounds.add(round.perSecond());
        double elapsed = (System.nanoTime() - warmupStart) / 1e9;
        System.out.printf("  warm-up round %d: %.0f events/s, p99 %.1f ms, non-2xx %d%n", rounds.size(), round.perSecond(), round.p(0.99), round.failed());
        int n = rounds.size();
        boolean level = n > 4
            && rounds.subList(n - 4, n).stream().mapToDouble(d -> d).max().orElseThrow()
                <= 1.05 * rounds.subList(0, n - 4).stream().mapToDouble(d -> d).max().orElseThrow();
        if (elapsed >= warmupMax || (elapsed >= warmupMin && level)) {
          break;
        }
      }
      log("warm-up: %d upgrades, not counted; the first also waits for the warm-up's events to be consumed", warmupUpgrades);
      Upgrade drained = upgrade(warm.getFirst(), quota, DRAIN_LIMIT_MS, true);
      System.out.printf("  the warm-up's events were consumed %,d ms after it ended%n", drained.both());
      for (User user : warm.subList(1, warm.size())) {
        upgrade(user, quota, VISIBLE_LIMIT_MS);
      }

      log("propagation: %d upgrades, one at a time", users);
      List<Upgrade> upgrades = new ArrayList<>();
      for (User user : measured) {
        upgrades.add(upgrade(user, quota, VISIBLE_LIMIT_MS));
      }
      printPropagation(upgrades);

      log("intake: %d s per level (at most %d events), concurrency %s, through the gateway and direct", intakeSeconds, intakeMax, Arrays.toString(concurrencies));
      System.out.println();
      List<String> rows = new ArrayList<>();
      List<String> cpuRows = new ArrayList<>();
      upgrade(spare.removeFirst(), quota, DRAIN_LIMIT_MS, true); // the propagation phase's events are consumed
      for (int c : concurrencies) {
        for (String target : List.of("gateway", "direct")) {
          long appliedBefore = quota.count("select count(*) from billing.webhook_events");
          String load = loadAverage();
          Cpu.Reading cpuBefore = Cpu.ticks();
          Level level = intake("gateway".equals(target) ? gateway : billing, "gateway".equals(target), c, intakeSeconds, intakeMax);
          Cpu.Reading cpuAfter = Cpu.ticks();
          long applied = quota.count("select count(*) from billing.webhook_events") - appliedBefore;
          // An upgrade sent after the level shows once the consumers have worked off its events
          // (one partition: in order), so the next level starts with nothing left behind.
          Upgrade behind = upgrade(spare.removeFirst(), quota, DRAIN_LIMIT_MS, true);
          Cpu.Reading cpuCaughtUp = Cpu.ticks();
          rows.add(String.format("| %s | %d | %,d | %,.0f | %.1f ms | %.1f ms | %.1f ms | %d | %,d | %,.1f s / %,.1f s | %,.0f | %s |",
              target, c, level.sent(), level.perSecond(), level.p(0.50), level.p(0.99), level.p(1.0), level.failed(), applied,
              behind.meMs() / 1000.0, behind.quotaMs() / 1000.0, applied / (level.seconds() + behind.both() / 1000.0), load));
          cpuRows.add(Cpu.row(target + " | " + c + " | during the level", cpuBefore, cpuAfter, level.sent() - level.failed()));
          cpuRows.add(Cpu.row(target + " | " + c + " | until caught up", cpuBefore, cpuCaughtUp, level.sent() - level.failed()));
          System.out.println("  " + rows.getLast());
        }
      }
      System.out.println();
      System.out.println("| target | concurrency | events | events/s | p50 | p99 | max | non-2xx | applied | consumers caught up after (user / task) | end to end /s | load (1 min) |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
      rows.forEach(System.out::println);
      System.out.println();
      System.out.println("CPU per applied event in µs (utime + stime from /proc/<pid>/stat), during the level and until the consumers caught up (Postgres: this database's backends and the server's own processes):");
      System.out.println();
      System.out.println(Cpu.header());
      cpuRows.forEach(System.out::println);
    }
  }

  // --- propagation ---------------------------------------------------------------------------

  /** Milliseconds from the webhook's 200 to pro on /users/me, in the quota, and both; the webhook's own latency. */
  record Upgrade(long webhookMs, long meMs, long quotaMs, int mePolls, int meRateLimited) {
    long both() {
      return Math.max(meMs, quotaMs);
    }
  }

  static Upgrade upgrade(User user, Quota quota, long limitMs) throws Exception {
    return upgrade(user, quota, limitMs, false);
  }

  /**
   * One upgrade. Measured, the profile side is {@code GET /users/me}; as a drain (waiting behind a
   * backlog for up to minutes, which polling through the gateway would take past the per-user
   * limit) it is user-service's own row, {@code users.profiles.plan}, the value /users/me shows.
   */
  static Upgrade upgrade(User user, Quota quota, long limitMs, boolean drain) throws Exception {
    JsonNode before = get("/api/v1/users/me", user.token());
    if (!"free".equals(before.path("data").path("plan").asString())) {
      throw new IllegalStateException("user " + user.id() + " is not on free before the upgrade: " + before);
    }
    String body = template.event("customer.subscription.created", UUID.fromString(user.id()), priceId);
    long sent = System.nanoTime();
    HttpResponse<String> answer = postWebhook(gateway, body, true);
    long acknowledged = System.nanoTime();
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("webhook answered " + answer.statusCode() + ": " + answer.body());
    }
    // Both sides are polled at once, each on its own thread; each clock stops at the answer that shows pro.
    UUID id = UUID.fromString(user.id());
    try (ExecutorService pollers = Executors.newFixedThreadPool(2)) {
      int[] polls = new int[2];
      Future<Long> me = drain
          ? pollers.submit(() -> quota.awaitPro(quota.profile, id, acknowledged, limitMs))
          : pollers.submit(() -> pollMe(user, acknowledged, limitMs, polls));
      Future<Long> inQuota = pollers.submit(() -> quota.awaitPro(quota.plan, id, acknowledged, limitMs));
      return new Upgrade((acknowledged - sent) / 1_000_000, me.get(), inQuota.get(), polls[0], polls[1]);
    }
  }

  /**
   * Polls /users/me every 10 ms for 300 ms, every 25 ms to 1 s, then every 250 ms up to the
   * 10 s limit: at most 95 requests with the check before the upgrade, under the gateway's
   * per-user limit of 100 a minute. A 429 is counted and polling goes on.
   */
  static long pollMe(User user, long since, long limitMs, int[] polls) throws Exception {
    while (true) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/users/me"))
          .header("Authorization", "Bearer " + user.token()).GET());
      long now = System.nanoTime();
      long elapsedMs = (now - since) / 1_000_000;
      polls[0]++;
      if (response.statusCode() == 429) {
        polls[1]++;
      } else if (response.statusCode() != 200) {
        throw new IllegalStateException("/users/me answered " + response.statusCode() + ": " + response.body());
      } else if ("pro".equals(JSON.readTree(response.body()).path("data").path("plan").asString())) {
        return elapsedMs;
      }
      if (elapsedMs > limitMs) {
        throw new IllegalStateException("pro not on /users/me of " + user.id() + " within " + limitMs + " ms");
      }
      Thread.sleep(elapsedMs < 300 ? 10 : elapsedMs < 1000 ? 25 : 250);
    }
  }

  /**
   * The plan rows, read-only as the database superuser: task-service's quota row and, for drains,
   * user-service's profile. Each statement has its own connection, as both are polled at once.
   */
  static final class Quota {
    private final Connection db;
    final PreparedStatement plan;
    final PreparedStatement profile;

    Quota(Connection db, Connection second) throws SQLException {
      this.db = db;
      this.plan = db.prepareStatement("select plan from tasks.user_plans where user_id = ?");
      this.profile = second.prepareStatement("select plan from users.profiles where id = ?");
    }

    /** Polls every 5 ms. Only one poller thread uses a statement at a time. */
    long awaitPro(PreparedStatement query, UUID userId, long since, long limitMs) throws Exception {
      query.setObject(1, userId);
      while (true) {
        boolean pro;
        try (ResultSet row = query.executeQuery()) {
          pro = row.next() && "pro".equals(row.getString(1));
        }
        long elapsedMs = (System.nanoTime() - since) / 1_000_000;
        if (pro) {
          return elapsedMs;
        }
        if (elapsedMs > limitMs) {
          throw new IllegalStateException("pro not in the plan row of " + userId + " within " + limitMs + " ms");
        }
        Thread.sleep(5);
      }
    }

    long count(String sql) throws SQLException {
      try (PreparedStatement statement = db.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  static void printPropagation(List<Upgrade> upgrades) {
    System.out.println();
    System.out.println("| from the webhook's 200 to pro | n | p50 | p95 | p99 | max |");
    System.out.println("|---|---|---|---|---|---|");
    row("on `/users/me` (user-service)", upgrades.stream().mapToLong(Upgrade::meMs).toArray());
    row("in the quota (`tasks.user_plans`)", upgrades.stream().mapToLong(Upgrade::quotaMs).toArray());
    row("both", upgrades.stream().mapToLong(Upgrade::both).toArray());
    row("(the webhook's own answer)", upgrades.stream().mapToLong(Upgrade::webhookMs).toArray());
    int polls = upgrades.stream().mapToInt(Upgrade::mePolls).sum();
    int limited = upgrades.stream().mapToInt(Upgrade::meRateLimited).sum();
    System.out.printf("%n/users/me polls: %,d (%.1f per upgrade), %d answered 429%n%n", polls, (double) polls / upgrades.size(), limited);
  }

  static void row(String name, long[] ms) {
    Arrays.sort(ms);
    System.out.printf("| %s | %d | %d ms | %d ms | %d ms | %d ms |%n", name, ms.length, rank(ms, 0.50), rank(ms, 0.95), rank(ms, 0.99), ms[ms.length - 1]);
  }

  /** Nearest rank: the smallest value with at least p of all values at or below it. */
  static long rank(long[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }

  // --- intake --------------------------------------------------------------------------------

  record Level(int sent, int failed, double seconds, long[] latenciesNs) {
    double perSecond() {
      return (sent - failed) / seconds;
    }

    double p(double p) {
      return rank(latenciesNs, p) / 1e6;
    }
  }

  /** {@code concurrency} workers post fresh signed events to {@code base} for {@code seconds}, at most {@code maxEvents} in all. */
  static Level intake(String base, boolean viaGateway, int concurrency, int seconds, int maxEvents) throws Exception {
    AtomicInteger budget = new AtomicInteger(maxEvents);
    LongAdder failed = new LongAdder();
    long[][] latencies = new long[concurrency][];
    int[] counts = new int[concurrency];
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    try (ExecutorService workers = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        int worker = w;
        running.add(workers.submit(() -> {
          long[] mine = new long[1024];
          int n = 0;
          while (System.nanoTime() < end && budget.getAndDecrement() > 0) {
            String body = template.event("customer.subscription.created", UUID.randomUUID(), priceId);
            long t0 = System.nanoTime();
            int status;
            try {
              status = postWebhook(base, body, viaGateway).statusCode();
            } catch (Exception e) {
              status = -1;
            }
            if (n == mine.length) {
              mine = Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = System.nanoTime() - t0;
            if (status / 100 != 2) {
              failed.increment();
            }
          }
          latencies[worker] = mine;
          counts[worker] = n;
          return null;
        }));
      }
      for (Future<?> worker : running) {
        worker.get();
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int w = 0; w < concurrency; w++) {
      System.arraycopy(latencies[w], 0, all, at, counts[w]);
      at += counts[w];
    }
    Arrays.sort(all);
    return new Level(total, (int) failed.sum(), elapsed, all);
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  /**
   * CPU time, from /proc/<pid>/stat, of this program, of the stack's processes
   * (COMPONENT_PIDS="name=pid ..."), of Postgres and of Redis. Postgres is the backends of this
   * stack's database plus the server's own processes (WAL writer, checkpointer, autovacuum, ...,
   * which serve every database), summed by PID so that a backend ending between two readings is
   * dropped rather than subtracted. Redis is every redis-server, shared with anything using it.
   */
  static final class Cpu {
    private static final double TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<String> PIDS = new ArrayList<>();
    private static final String DATABASE;

    static {
      NAMES.add("bench client");
      PIDS.add(Long.toString(ProcessHandle.current().pid()));
      for (String pair : env("COMPONENT_PIDS", " ").trim().split("\\s+")) {
        int at = pair.indexOf('=');
        if (at > 0) {
          NAMES.add(pair.substring(0, at));
          PIDS.add(pair.substring(at + 1));
        }
      }
      String url = env("JDBC_URL", "/");
      DATABASE = url.substring(url.lastIndexOf('/') + 1);
    }

    /** Ticks per component, and of the Postgres and Redis processes by PID. */
    record Reading(long[] components, Map<String, Long> postgres, Map<String, Long> redis) {}

    static Reading ticks() {
      long[] components = new long[PIDS.size()];
      for (int i = 0; i < components.length; i++) {
        components[i] = ticksOf(PIDS.get(i));
      }
      Map<String, Long> postgres = new java.util.HashMap<>();
      Map<String, Long> redis = new java.util.HashMap<>();
      try (var processes = java.nio.file.Files.list(Path.of("/proc"))) {
        for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
          String pid = process.getFileName().toString();
          String comm = read(process.resolve("comm")).trim();
          if ("postgres".equals(comm) && ours(read(process.resolve("cmdline")).replace('\0', ' ').trim().split(" +"))) {
            postgres.put(pid, ticksOf(pid));
          } else if ("redis-server".equals(comm)) {
            redis.put(pid, ticksOf(pid));
          }
        }
      } catch (java.io.IOException e) {
        // the shared servers then count zero
      }
      return new Reading(components, postgres, redis);
    }

    /** "postgres: 15/main: <role> <database> <client>(<port>) <state>" is a backend, ours if of our database; anything else is the server's. */
    private static boolean ours(String[] title) {
      boolean backend = title.length >= 5 && (title[4].contains("(") || title[4].equals("[local]"));
      return !backend || DATABASE.equals(title[3]);
    }

    private static String read(Path file) {
      try {
        return java.nio.file.Files.readString(file);
      } catch (Exception e) {
        return "";
      }
    }

    private static long ticksOf(String pid) {
      String stat = read(Path.of("/proc", pid, "stat"));
      if (stat.isEmpty()) {
        return 0;
      }
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    private static long used(Map<String, Long> before, Map<String, Long> after) {
      long used = 0;
      for (Map.Entry<String, Long> process : after.entrySet()) {
        used += Math.max(0, process.getValue() - before.getOrDefault(process.getKey(), 0L));
      }
      return used;
    }

    static String header() {
      StringBuilder header = new StringBuilder("| target | concurrency | CPU counted |");
      StringBuilder rule = new StringBuilder("|---|---|---|");
      for (String name : NAMES) {
        header.append(' ').append(name).append(" |");
        rule.append("---|");
      }
      return header.append(" Postgres | Redis | the stack (all but the client) |\n").append(rule).append("---|---|---|").toString();
    }

    static String row(String label, Reading before, Reading after, int events) {
      StringBuilder row = new StringBuilder("| ").append(label).append(" |");
      long stack = 0;
      for (int i = 0; i < before.components().length; i++) {
        long used = after.components()[i] - before.components()[i];
        stack += i == 0 ? 0 : used;
        row.append(String.format(" %,.0f |", used * TICK_US / Math.max(1, events)));
      }
      long postgres = used(before.postgres(), after.postgres());
      long redis = used(before.redis(), after.redis());
      stack += postgres + redis;
      return row.append(String.format(" %,.0f | %,.0f | %,.0f |",
          postgres * TICK_US / Math.max(1, events), redis * TICK_US / Math.max(1, events), stack * TICK_US / Math.max(1, events))).toString();
    }
  }

  // --- HTTP ----------------------------------------------------------------------------------

  static List<User> register(int count) throws Exception {
    List<User> users = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      List<Future<User>> made = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        made.add(pool.submit(() -> {
          String email = "bench-" + UUID.randomUUID() + "@example.test";
          String body = JSON.writeValueAsString(Map.of("email", email, "password", "Bench-" + UUID.randomUUID().toString().substring(0, 8) + "A1", "name", "Bench User"));
          HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/auth/register"))
              .header("Content-Type", "application/json").header("X-Forwarded-For", clientIp())
              .POST(HttpRequest.BodyPublishers.ofString(body)));
          if (response.statusCode() != 201) {
            throw new IllegalStateException("register answered " + response.statusCode() + ": " + response.body());
          }
          JsonNode data = JSON.readTree(response.body()).path("data");
          return new User(data.path("user").path("id").asString(), data.path("accessToken").asString());
        }));
      }
      for (Future<User> user : made) {
        users.add(user.get());
      }
    }
    return users;
  }

  /**
   * Through the gateway the deliveries come from 256 addresses in turn (X-Forwarded-For; the
   * local stack trusts loopback proxies): up to 2,500 events/s stay under the per-IP webhook limit
   * of 600 a minute, and each address's rate-limit batches are reused as a few busy senders' are.
   */
  static HttpResponse<String> postWebhook(String base, String body, boolean viaGateway) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + WEBHOOK_PATH))
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Stripe-Signature", signature(body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (viaGateway) {
      int sender = SENDER.getAndIncrement() & 255;
      request.header("X-Forwarded-For", "10.99." + (sender >> 4) + "." + ((sender & 15) + 1));
    }
    return send(request);
  }

  static final AtomicInteger SENDER = new AtomicInteger();

  static JsonNode get(String path, String token) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token).GET());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String clientIp() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10." + random.nextInt(1, 255) + "." + random.nextInt(0, 255) + "." + random.nextInt(1, 255);
  }

  // --- Stripe's side -------------------------------------------------------------------------

  static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  });

  /** {@code t=<unix>,v1=<hex HMAC-SHA256 keyed with the whole whsec_ secret over "<t>." + body>}, as Stripe signs. */
  static String signature(String body) {
    long t = Instant.now().getEpochSecond();
    byte[] mac = HMAC.get().doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac);
  }

  /**
   * Stripe's event and subscription objects (infra/dev/stripe/objects) serialised once with
   * markers where each event differs, so building an event is a few string appends.
   */
  static final class EventTemplate {
    private static final String[] MARKERS = {"@@TYPE@@", "@@EVENT@@", "@@CREATED@@", "@@SUBSCRIPTION@@", "@@CUSTOMER@@", "@@USER@@", "@@PRICE@@"};
    private final List<String> literals = new ArrayList<>();
    private final List<Integer> slots = new ArrayList<>();

    EventTemplate(Path objects) throws Exception {
      ObjectNode event = (ObjectNode) JSON.readTree(objects.resolve("event.json").toFile());
      ObjectNode subscription = (ObjectNode) JSON.readTree(objects.resolve("subscription.json").toFile());
      event.put("id", "@@EVENT@@");
      event.put("type", "@@TYPE@@");
      event.put("created", "@@CREATED@@");
      subscription.put("id", "@@SUBSCRIPTION@@");
      subscription.put("customer", "@@CUSTOMER@@");
      subscription.put("status", "active");
      subscription.putObject("metadata").put("userId", "@@USER@@");
      ObjectNode item = (ObjectNode) subscription.path("items").path("data").path(0);
      item.put("subscription", "@@SUBSCRIPTION@@");
      ((ObjectNode) item.path("price")).put("id", "@@PRICE@@");
      ((ObjectNode) item.path("plan")).put("id", "@@PRICE@@");
      long now = Instant.now().getEpochSecond();
      item.put("current_period_start", now);
      item.put("current_period_end", now + 30L * 24 * 3600);
      ((ObjectNode) subscription.path("items")).put("url", "/v1/subscription_items?subscription=@@SUBSCRIPTION@@");
      ((ObjectNode) event.path("data")).set("object", subscription);
      String text = JSON.writeValueAsString(event).replace("\"@@CREATED@@\"", "@@CREATED@@");
      int from = 0;
      while (true) {
        int next = -1;
        int slot = -1;
        for (int m = 0; m < MARKERS.length; m++) {
          int at = text.indexOf(MARKERS[m], from);
          if (at >= 0 && (next < 0 || at < next)) {
            next = at;
            slot = m;
          }
        }
        if (next < 0) {
          literals.add(text.substring(from));
          break;
        }
        literals.add(text.substring(from, next));
        slots.add(slot);
        from = next + MARKERS[slot].length();
      }
    }

    /** A fresh event (new event, subscription and customer ids) about {@code userId}'s active subscription on {@code price}, created now. */
    String event(String type, UUID userId, String price) {
      String[] values = {type, "evt_" + randomId(24), Long.toString(Instant.now().getEpochSecond()), "sub_" + randomId(24), "cus_" + randomId(14), userId.toString(), price};
      StringBuilder out = new StringBuilder(8192);
      for (int i = 0; i < slots.size(); i++) {
        out.append(literals.get(i)).append(values[slots.get(i)]);
      }
      return out.append(literals.getLast()).toString();
    }

    private static String randomId(int length) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      ThreadLocalRandom random = ThreadLocalRandom.current();
      StringBuilder id = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return id.toString();
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      if (fallback == null) {
        throw new IllegalStateException(name + " is not set (billing-service/bench/run.sh sets it)");
      }
      return fallback;
    }
    return value;
  }

  static void log(String format, Object... args) {
    System.out.printf("%s %s%n", java.time.LocalTime.now().withNano(0), String.format(format, args));
  }
}
