package com.acme.saas.e2e.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.e2e.Suite;
import com.acme.saas.testsupport.HttpApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * The accounts the fuzz run sends its requests as, and what they own. Many of them, used in turn,
 * so the gateway's per-user limit (100 a minute) is what few requests meet; admins are registered
 * users promoted by the seeded admin. Each caller owns a task; the admins share a flag and a victim
 * user, so that admin operations on real ids touch only what the run made.
 */
final class Callers {

  enum Role {
    USER,
    ADMIN
  }

  /** One account: its current tokens and the task it owns. */
  static final class Caller {
    final Role role;
    Suite.Session session;
    @Nullable String taskId;

    Caller(Role role, Suite.Session session) {
      this.role = role;
      this.session = session;
    }

    String token() {
      return session.accessToken();
    }

    /** New tokens, after a request of the run ended this caller's session. */
    void logInAgain() {
      var response = Suite.login(session.email(), session.password());
      assertThat(response.status()).as("login again: %s", response).isEqualTo(200);
      var data = response.data();
      session =
          new Suite.Session(
              session.userId(),
              session.email(),
              session.password(),
              data.get("accessToken").asString(),
              data.get("refreshToken").asString());
    }
  }

  private static final HttpApi API = Suite.api();

  private final List<Caller> users = new ArrayList<>();
  private final List<Caller> admins = new ArrayList<>();
  private int nextUser;
  private int nextAdmin;
  String victimId;
  String flagKey;

  private Callers() {}

  static Callers prepare(int userCount, int adminCount) {
    Callers callers = new Callers();
    var seeded = Suite.admin();
    // In parallel: each account costs a password hash and an event to user-service.
    try (var pool = Executors.newFixedThreadPool(6)) {
      List<Future<Caller>> users = new ArrayList<>();
      for (int i = 0; i < userCount; i++) {
        users.add(pool.submit(() -> callers.withTask(new Caller(Role.USER, registered()))));
      }
      List<Future<Caller>> admins = new ArrayList<>();
      for (int i = 0; i < adminCount; i++) {
        admins.add(pool.submit(() -> callers.withTask(promoted(registered(), seeded))));
      }
      for (var user : users) {
        callers.users.add(user.get());
      }
      for (var admin : admins) {
        callers.admins.add(admin.get());
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("preparing the fuzz run's callers failed", e);
    }
    callers.newVictim();
    callers.newFlag();
    return callers;
  }

  private static Suite.Session registered() {
    var session = Suite.register();
    awaitProfile(session);
    return session;
  }

  private static Caller promoted(Suite.Session session, Suite.Session seeded) {
    var response =
        API.patch(
            "/api/v1/users/" + session.userId(), seeded.accessToken(), Map.of("role", "ADMIN"));
    assertThat(response.status()).as("promote to ADMIN: %s", response).isEqualTo(200);
    Caller admin = new Caller(Role.ADMIN, session);
    // auth-service learns the new role from user-service's event: a later login's token has it.
    Awaitility.await("an ADMIN token for " + session.email())
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              admin.logInAgain();
              return API.get("/api/v1/users?pageSize=1", admin.token()).status() == 200;
            });
    return admin;
  }

  private Caller withTask(Caller caller) {
    ensureTask(caller);
    return caller;
  }

  List<Caller> all() {
    List<Caller> all = new ArrayList<>(users);
    all.addAll(admins);
    return all;
  }

  /** The next caller of {@code role}, in turn. */
  Caller next(Role role) {
    return role == Role.USER
        ? users.get(nextUser++ % users.size())
        : admins.get(nextAdmin++ % admins.size());
  }

  /** A task of the caller's: the one it has, else a new one, else the first of its list. */
  void ensureTask(Caller caller) {
    var created = API.post("/api/v1/tasks", caller.token(), Map.of("title", "fuzz fixture"));
    if (created.status() == 201) {
      caller.taskId = created.data().get("id").asString();
      return;
    }
    var list = API.get("/api/v1/tasks", caller.token());
    caller.taskId =
        list.status() == 200 && !list.data().isEmpty()
            ? list.data().get(0).get("id").asString()
            : null;
  }

  void newVictim() {
    var victim = Suite.register();
    awaitProfile(victim);
    victimId = victim.userId();
  }

  void newFlag() {
    String key = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    var response =
        API.post(
            "/api/v1/flags",
            admins.getFirst().token(),
            Map.of(
                "key", key, "description", "fuzz run", "enabled", false, "rolloutPercentage", 0));
    assertThat(response.status()).as("create a flag: %s", response).isEqualTo(201);
    flagKey = key;
  }

  /** user-service learns of a new account from an event: its profile may lag its tokens. */
  private static void awaitProfile(Suite.Session session) {
    Awaitility.await("the profile of " + session.email())
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> API.get("/api/v1/users/me", session.accessToken()).status() == 200);
  }
}
