package com.acme.saas.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The checkout under test: its modules, docker-compose.yml, the Dockerfile and configuration. */
final class Repository {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

  static final Path ROOT = findRoot();

  private Repository() {}

  private static Path findRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.exists(dir.resolve("mvnw"))
          && Files.exists(pom)
          && read(pom).contains("<artifactId>saas-parent</artifactId>")) {
        return dir;
      }
    }
    throw new IllegalStateException("no suite checkout above " + Path.of("").toAbsolutePath());
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The modules of the root build that package a runnable Spring Boot jar: the services and the
   * gateway.
   */
  static List<String> deployableModules() {
    List<String> modules = new ArrayList<>();
    Matcher m = MODULE.matcher(read(ROOT.resolve("pom.xml")));
    while (m.find()) {
      Path pom = ROOT.resolve(m.group(1)).resolve("pom.xml");
      if (read(pom).contains("<artifactId>spring-boot-maven-plugin</artifactId>")) {
        modules.add(m.group(1));
      }
    }
    return modules;
  }

  static String rootPomProperty(String name) {
    Matcher m =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
            .matcher(read(ROOT.resolve("pom.xml")));
    if (!m.find()) {
      throw new IllegalStateException("root pom has no property " + name);
    }
    return m.group(1);
  }

  static Map<String, Object> compose() {
    return yaml(ROOT.resolve("docker-compose.yml"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> composeService(String name) {
    var services = (Map<String, Object>) compose().get("services");
    var service = (Map<String, Object>) services.get(name);
    if (service == null) {
      throw new AssertionError("docker-compose.yml has no service " + name);
    }
    return service;
  }

  /** The build arguments docker-compose.yml passes to the root Dockerfile for a module's image. */
  @SuppressWarnings("unchecked")
  static Map<String, String> composeBuildArgs(String module) {
    if (!(composeService(module).get("build") instanceof Map<?, ?> build)
        || !(build.get("args") instanceof Map<?, ?> args)) {
      throw new AssertionError("docker-compose.yml builds " + module + " without build args");
    }
    Map<String, String> values = new LinkedHashMap<>();
    ((Map<String, Object>) args).forEach((name, value) -> values.put(name, String.valueOf(value)));
    return values;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) {
    return (Map<String, Object>) new Yaml().load(read(file));
  }

  /**
   * Every environment variable a module's configuration reads (${NAME} or ${NAME:default} in its
   * application*.yml), with its default, or null when it has none.
   */
  static Map<String, String> configuredVariables(String module) {
    Map<String, String> variables = new LinkedHashMap<>();
    Path resources = ROOT.resolve(module).resolve("src/main/resources");
    try (var files = Files.list(resources)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
        Matcher m = PLACEHOLDER.matcher(read(file));
        while (m.find()) {
          variables.putIfAbsent(m.group(1), m.group(2));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return variables;
  }

  /** The HTTP port a module listens on by default (server.port: ${PORT:nnnn}). */
  static String defaultPort(String module) {
    return configuredVariables(module).get("PORT");
  }

  /**
   * The port serving /actuator/prometheus: the management port where a module has one (the
   * gateway).
   */
  static String metricsPort(String module) {
    String management = configuredVariables(module).get("MANAGEMENT_PORT");
    return management != null ? management : defaultPort(module);
  }
}
