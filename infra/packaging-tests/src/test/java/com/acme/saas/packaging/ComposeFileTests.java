package com.acme.saas.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-compose.yml runs every deployable module the way the local stack does. */
class ComposeFileTests {

  static List<String> modules() {
    return Repository.deployableModules();
  }

  @Test
  void everyServiceModuleAndTheGatewayAreInTheComposeFile() {
    assertThat(modules()).contains("gateway").hasSizeGreaterThan(1);
    @SuppressWarnings("unchecked")
    var services = (Map<String, Object>) Repository.compose().get("services");
    assertThat(services).containsKeys(modules().toArray(String[]::new));
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleIsBuiltByTheOneDockerfileWithItsOwnModuleAndPort(String module) {
    @SuppressWarnings("unchecked")
    var build = (Map<String, Object>) Repository.composeService(module).get("build");
    assertThat(build)
        .as("%s build", module)
        .containsEntry("context", ".")
        .doesNotContainKey("dockerfile");
    assertThat(Repository.ROOT.resolve("Dockerfile")).exists();
    assertThat(Repository.ROOT.resolve(module).resolve("Dockerfile")).doesNotExist();
    assertThat(Repository.composeBuildArgs(module))
        .containsEntry("MODULE", module)
        .containsEntry("PORT", Repository.defaultPort(module));
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleHasAHealthcheckOnItsReadinessProbe(String module) {
    @SuppressWarnings("unchecked")
    var healthcheck = (Map<String, Object>) Repository.composeService(module).get("healthcheck");
    assertThat(healthcheck).as("%s healthcheck", module).isNotNull();
    assertThat(String.join(" ", stringList(healthcheck.get("test"))))
        .contains(
            "http://127.0.0.1:" + Repository.defaultPort(module) + "/actuator/health/readiness");
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleStartsOnlyOnceWhatItNeedsIsHealthy(String module) {
    @SuppressWarnings("unchecked")
    var dependsOn =
        (Map<String, Map<String, Object>>) Repository.composeService(module).get("depends_on");
    assertThat(dependsOn).as("%s depends_on", module).isNotEmpty();
    dependsOn.forEach(
        (dependency, condition) ->
            assertThat(condition.get("condition"))
                .as("%s waits for %s", module, dependency)
                .isIn("service_healthy", "service_completed_successfully"));
  }

  @Test
  void theGatewayWaitsForEveryServiceAndRedis() {
    @SuppressWarnings("unchecked")
    var dependsOn = (Map<String, Object>) Repository.composeService("gateway").get("depends_on");
    var services = new HashSet<>(modules());
    services.remove("gateway");
    services.add("redis");
    assertThat(dependsOn.keySet()).containsAll(services);
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleGetsEveryVariableItsConfigurationNeedsInAContainer(String module) {
    Map<String, Object> env = environment(module);
    Repository.configuredVariables(module)
        .forEach(
            (variable, fallback) -> {
              boolean noDefault = fallback == null;
              boolean loopbackDefault =
                  fallback != null
                      && (fallback.contains("127.0.0.1") || fallback.contains("localhost"));
              if (noDefault || loopbackDefault) {
                assertThat(env)
                    .as(
                        "%s needs %s (its default %s does not work in a container)",
                        module, variable, fallback)
                    .containsKey(variable);
              }
            });
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleGetsTheSameVariablesAsInTheLocalStack(String module) {
    assertThat(environment(module).keySet())
        .as("%s environment", module)
        .containsAll(localStackVariables(module));
  }

  @ParameterizedTest
  @MethodSource("modules")
  void servicesConnectToTheContainersNotToLoopback(String module) {
    Map<String, Object> env = environment(module);
    env.forEach(
        (variable, value) -> {
          // Not addresses a service connects to: peers it trusts, and the base of links a browser
          // opens.
          if (!variable.equals("TRUSTED_PROXIES") && !variable.equals("MAIL_LINK_BASE_URL")) {
            assertThat(String.valueOf(value))
                .as("%s %s", module, variable)
                .doesNotContain("127.0.0.1", "localhost");
          }
        });
  }

  @Test
  void onlyTheGatewayPublishesAPort() {
    @SuppressWarnings("unchecked")
    var services = (Map<String, Map<String, Object>>) Repository.compose().get("services");
    services.forEach(
        (name, service) -> {
          List<String> ports = stringList(service.get("ports"));
          if (name.equals("gateway")) {
            assertThat(ports).hasSize(1);
            assertThat(ports.getFirst()).endsWith(":" + Repository.defaultPort("gateway"));
          } else if (service.containsKey("profiles")) {
            assertThat(ports)
                .as("%s (opt-in tool) publishes on loopback only", name)
                .allMatch(port -> port.startsWith("127.0.0.1:"));
          } else {
            assertThat(ports).as("%s must not publish a port", name).isEmpty();
          }
        });
  }

  @Test
  void infrastructureIsPostgres17Redis7AndTheSameKafkaAsTheLocalStack() {
    assertThat(Repository.composeService("postgres").get("image")).isEqualTo("postgres:17");
    assertThat((String) Repository.composeService("redis").get("image")).startsWith("redis:7");
    assertThat(Repository.composeService("kafka").get("image"))
        .isEqualTo("apache/kafka:" + Repository.rootPomProperty("kafka-broker.version"));
    for (String name : List.of("postgres", "redis", "kafka")) {
      assertThat(Repository.composeService(name))
          .as("%s healthcheck", name)
          .containsKey("healthcheck");
    }
  }

  @Test
  void postgresAppliesTheSuitesRolesAndSchemasAtInit() {
    List<String> volumes = stringList(Repository.composeService("postgres").get("volumes"));
    assertThat(volumes)
        .contains(
            "./infra/postgres:/saas-postgres:ro",
            "./infra/postgres/docker-init.sh:/docker-entrypoint-initdb.d/10-saas.sh:ro");
    String init = Repository.read(Repository.ROOT.resolve("infra/postgres/docker-init.sh"));
    assertThat(init).contains("/saas-postgres/roles.sql", "/saas-postgres/schemas.sql", "password");
  }

  @Test
  void observabilityProfileCollectsTracesAndScrapesEveryModule() {
    for (String tool : List.of("otel-collector", "jaeger", "prometheus")) {
      assertThat(stringList(Repository.composeService(tool).get("profiles")))
          .as(tool)
          .containsExactly("observability");
    }
    for (String module : modules()) {
      assertThat(environment(module).get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"))
          .as(module)
          .isEqualTo("http://otel-collector:4318/v1/traces");
    }
    Map<String, Object> prometheus =
        Repository.yaml(Repository.ROOT.resolve("infra/observability/prometheus.yml"));
    String scrape = prometheus.get("scrape_configs").toString();
    assertThat(scrape).contains("/actuator/prometheus");
    for (String module : modules()) {
      assertThat(scrape).contains(module + ":" + Repository.metricsPort(module));
    }
    Map<String, Object> collector =
        Repository.yaml(Repository.ROOT.resolve("infra/observability/otel-collector.yaml"));
    assertThat(collector.get("exporters").toString()).contains("jaeger:4317");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(String module) {
    Object env = Repository.composeService(module).get("environment");
    assertThat(env).as("%s environment is a map", module).isInstanceOf(Map.class);
    return new LinkedHashMap<>((Map<String, Object>) env);
  }

  @SuppressWarnings("unchecked")
  private static List<String> stringList(Object value) {
    if (value == null) {
      return List.of();
    }
    return ((List<Object>) value).stream().map(String::valueOf).toList();
  }

  private static final Pattern SET = Pattern.compile("echo \"([A-Z][A-Z0-9_]*)=");
  private static final Pattern BRANCH = Pattern.compile("^\\s*([a-z-]+)\\)\\s*$");

  /**
   * The variables infra/dev/up always sets for a module (its service_env function; optional ones
   * aside).
   */
  static Set<String> localStackVariables(String module) {
    String up = Repository.read(Repository.ROOT.resolve("infra/dev/up"));
    int start = up.indexOf("service_env() {");
    String body = up.substring(start, up.indexOf("\n}\n", start));
    Set<String> variables = new HashSet<>();
    String branch = null;
    for (String line : body.split("\n")) {
      Matcher b = BRANCH.matcher(line);
      if (b.matches()) {
        branch = b.group(1);
        continue;
      }
      Matcher m = SET.matcher(line);
      if (m.find() && !line.contains("||") && (branch == null || branch.equals(module))) {
        variables.add(m.group(1));
      }
      if (line.contains(";;")) {
        branch = line.contains("esac") ? null : "";
      }
    }
    assertThat(variables).as("variables parsed from infra/dev/up").contains("DB_URL", "PORT");
    return variables;
  }
}
