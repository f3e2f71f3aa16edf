package com.acme.saas.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real services integration tests run against, started once per JVM. With a Docker engine,
 * Testcontainers runs Postgres, Redis and Kafka; without one (set {@code SAAS_TEST_INFRA=local} to
 * force it), tests use the Postgres and Redis at {@code SAAS_TEST_PG_HOST:PORT} and {@code
 * SAAS_TEST_REDIS_HOST:PORT} (default 127.0.0.1:5432 and :6379) and an in-process KRaft broker.
 */
public final class Infrastructure {

  /** Password given to the service roles where Postgres checks passwords (the container). */
  static final String CONTAINER_ROLE_PASSWORD = "test";

  private static volatile Infrastructure instance;

  final String pgHost;
  final int pgPort;
  final String pgSuperuser;
  final String pgSuperuserPassword;
  final String redisHost;
  final int redisPort;
  final String kafkaBootstrapServers;
  final boolean containers;

  private final AtomicInteger databases = new AtomicInteger();

  private Infrastructure(
      String pgHost,
      int pgPort,
      String pgSuperuser,
      String pgSuperuserPassword,
      String redisHost,
      int redisPort,
      String kafkaBootstrapServers,
      boolean containers) {
    this.pgHost = pgHost;
    this.pgPort = pgPort;
    this.pgSuperuser = pgSuperuser;
    this.pgSuperuserPassword = pgSuperuserPassword;
    this.redisHost = redisHost;
    this.redisPort = redisPort;
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    this.containers = containers;
  }

  public static Infrastructure get() {
    Infrastructure current = instance;
    if (current == null) {
      synchronized (Infrastructure.class) {
        current = instance;
        if (current == null) {
          current = useContainers() ? startContainers() : useLocalServices();
          current.applyRoles();
          current.dropDatabasesOfEndedRuns();
          instance = current;
        }
      }
    }
    return current;
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrapServers;
  }

  public String redisHost() {
    return redisHost;
  }

  public int redisPort() {
    return redisPort;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
  }

  /** Opens a superuser connection to a database, for tests that inspect what the roles may do. */
  public Connection superuserConnection(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), pgSuperuser, pgSuperuserPassword);
  }

  /** Opens a connection as one of the service roles. */
  public Connection roleConnection(String database, String role) throws SQLException {
    return DriverManager.getConnection(
        jdbcUrl(database), role, containers ? CONTAINER_ROLE_PASSWORD : "");
  }

  /** A new, empty database with the suite's schemas and grants, dropped by a later run. */
  public String createDatabase(String hint) {
    String name =
        "it_"
            + ProcessHandle.current().pid()
            + "_"
            + databases.incrementAndGet()
            + "_"
            + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    name = name.length() > 63 ? name.substring(0, 63) : name;
    try (Connection c = superuserConnection("postgres");
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not create test database " + name + ": " + e.getMessage(), e);
    }
    try (Connection c = superuserConnection(name);
        Statement s = c.createStatement()) {
      s.execute(sql("schemas.sql"));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not apply infra/postgres/schemas.sql to " + name + ": " + e.getMessage(), e);
    }
    return name;
  }

  private void applyRoles() {
    try (Connection c = superuserConnection("postgres");
        Statement s = c.createStatement()) {
      s.execute(sql("roles.sql"));
      if (containers) {
        s.execute(
            "do $$ declare r text; begin for r in select rolname from pg_roles where rolname like '%\\_service' loop "
                + "execute format('alter role %I password %L', r, '"
                + CONTAINER_ROLE_PASSWORD
                + "'); end loop; end $$");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not apply infra/postgres/roles.sql: " + e.getMessage(), e);
    }
  }

  /**
   * Test databases are named {@code it_<pid>_...}. Dropping them at the next run, once their JVM
   * has ended, keeps them out of the way of a context still shutting down, and of test runs of
   * other modules going on at the same time.
   */
  private void dropDatabasesOfEndedRuns() {
    try (Connection c = superuserConnection("postgres");
        Statement s = c.createStatement()) {
      List<String> stale = new java.util.ArrayList<>();
      try (var rows =
          s.executeQuery("select datname from pg_database where datname ~ '^it_[0-9]+_'")) {
        while (rows.next()) {
          String name = rows.getString(1);
          long pid = Long.parseLong(name.split("_")[1]);
          if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
            stale.add(name);
          }
        }
      }
      for (String name : stale) {
        s.execute("drop database if exists " + name + " with (force)");
      }
    } catch (SQLException e) {
      System.err.println("Could not drop test databases of ended runs: " + e.getMessage());
    }
  }

  private static String sql(String file) {
    try (InputStream in = Infrastructure.class.getResourceAsStream("/saas-postgres/" + file)) {
      if (in == null) {
        throw new IllegalStateException(
            "infra/postgres/" + file + " is missing from the test-support jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean useContainers() {
    String mode = setting("SAAS_TEST_INFRA", "auto");
    if ("local".equals(mode)) {
      return false;
    }
    boolean docker = DockerClientFactory.instance().isDockerAvailable();
    if ("containers".equals(mode) && !docker) {
      throw new IllegalStateException(
          "SAAS_TEST_INFRA=containers but no Docker engine is reachable");
    }
    return docker;
  }

  private static Infrastructure useLocalServices() {
    String pgHost = setting("SAAS_TEST_PG_HOST", "127.0.0.1");
    int pgPort = Integer.parseInt(setting("SAAS_TEST_PG_PORT", "5432"));
    String pgUser = setting("SAAS_TEST_PG_USER", "postgres");
    String pgPassword = setting("SAAS_TEST_PG_PASSWORD", "");
    try (Connection ignored =
        DriverManager.getConnection(
            "jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres", pgUser, pgPassword)) {
      // reachable
    } catch (SQLException e) {
      throw new IllegalStateException(
          "No Docker engine, and Postgres is not reachable at "
              + pgHost
              + ":"
              + pgPort
              + " as "
              + pgUser
              + " ("
              + e.getMessage()
              + "). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
              + " (or run bash .ci/run, which starts it), or point SAAS_TEST_PG_HOST/PORT/USER/PASSWORD at one.",
          e);
    }
    String redisHost = setting("SAAS_TEST_REDIS_HOST", "127.0.0.1");
    int redisPort = Integer.parseInt(setting("SAAS_TEST_REDIS_PORT", "6379"));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(redisHost, redisPort), 2000);
    } catch (IOException e) {
      throw new IllegalStateException(
          "No Docker engine, and Redis is not reachable at "
              + redisHost
              + ":"
              + redisPort
              + ". Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no"
              + " (or run bash .ci/run), or point SAAS_TEST_REDIS_HOST/PORT at one.",
          e);
    }
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(
        Map.of("auto.create.topics.enable", "true", "group.initial.rebalance.delay.ms", "0"));
    // No shutdown hook for the broker: its controlled shutdown outlasts the test JVM's exit
    // timeout, and the process ending stops it just as well.
    broker.afterPropertiesSet();
    return new Infrastructure(
        pgHost,
        pgPort,
        pgUser,
        pgPassword,
        redisHost,
        redisPort,
        broker.getBrokersAsString(),
        false);
  }

  private static Infrastructure startContainers() {
    PostgreSQLContainer postgres =
        new PostgreSQLContainer("postgres:17-alpine")
            .withUsername("postgres")
            .withPassword("postgres");
    GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
    KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");
    postgres.start();
    redis.start();
    kafka.start();
    return new Infrastructure(
        postgres.getHost(),
        postgres.getMappedPort(5432),
        "postgres",
        "postgres",
        redis.getHost(),
        redis.getMappedPort(6379),
        kafka.getBootstrapServers(),
        true);
  }

  private static String setting(String name, String fallback) {
    String value = System.getProperty(name, System.getenv(name));
    return value == null || value.isBlank() ? fallback : value;
  }
}
