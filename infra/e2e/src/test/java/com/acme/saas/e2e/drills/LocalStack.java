package com.acme.saas.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.e2e.Suite;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running local stack's processes, stopped and started through {@code infra/dev/stop} and
 * {@code infra/dev/start} with this JVM's environment (the ports and database the stack was started
 * with). A script that fails fails the drill with its output.
 */
final class LocalStack {

  /** infra/dev/start waits for readiness; a service on this 2-core machine may take a while. */
  private static final long SCRIPT_TIMEOUT_SECONDS = 300;

  private LocalStack() {}

  static void stop(String component) {
    run("infra/dev/stop", component);
  }

  static void start(String component) {
    run("infra/dev/start", component);
  }

  /**
   * Ends every Postgres session of a service's database role, as a failover or a network cut would.
   */
  static int terminateSessionsOf(String role) {
    return Integer.parseInt(
        sql(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where usename = '"
                + role
                + "' and datname = current_database()"));
  }

  /**
   * One value from the stack's database, read as the superuser (the drills count across schemas).
   */
  static String sql(String query) {
    String database = Suite.setting("SAAS_DB_NAME", "saas");
    String host = Suite.setting("PGHOST", "127.0.0.1");
    String port = Suite.setting("PGPORT", "5432");
    return run(
            "psql",
            "-h",
            host,
            "-p",
            port,
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-tAc",
            query)
        .strip();
  }

  private static String run(String... arguments) {
    List<String> command = new ArrayList<>(List.of(arguments));
    if (command.getFirst().startsWith("infra/")) {
      command.set(0, Suite.repositoryRoot().resolve(command.getFirst()).toString());
    }
    try {
      File output = Files.createTempFile("drill-", ".log").toFile();
      output.deleteOnExit();
      // Output to a file, not a pipe: a started JVM must not hold the test's pipe open.
      Process process =
          new ProcessBuilder(command)
              .directory(Suite.repositoryRoot().toFile())
              .redirectErrorStream(true)
              .redirectOutput(output)
              .start();
      boolean finished = process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
      if (!command.getFirst().equals("psql")) {
        System.out.print(text);
      }
      if (!finished) {
        process.destroyForcibly();
      }
      assertThat(finished)
          .as("%s finished within %d s: %s", command, SCRIPT_TIMEOUT_SECONDS, text)
          .isTrue();
      assertThat(process.exitValue()).as("%s failed: %s", command, text).isZero();
      return text;
    } catch (IOException e) {
      throw new AssertionError("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
