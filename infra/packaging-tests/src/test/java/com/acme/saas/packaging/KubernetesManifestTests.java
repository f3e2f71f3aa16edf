package com.acme.saas.packaging;

import static com.acme.saas.packaging.KubernetesManifests.at;
import static com.acme.saas.packaging.KubernetesManifests.list;
import static com.acme.saas.packaging.KubernetesManifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.packaging.KubernetesManifests.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * infra/k8s deploys every deployable module the way docker-compose.yml runs it, on Postgres from
 * CloudNativePG and Kafka from Strimzi. Parsed only: no cluster is needed (nor available here).
 */
class KubernetesManifestTests {

  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY$).*");
  private static final String CONFIG_MAP = "acme-saas-config";

  static List<String> modules() {
    return Repository.deployableModules();
  }

  @Test
  void everyDocumentIsAKubernetesObjectWithoutANamespaceOfItsOwn() {
    assertThat(KubernetesManifests.resources()).hasSizeGreaterThan(modules().size());
    for (Resource resource : KubernetesManifests.resources()) {
      assertThat(resource.body()).as("%s", resource.file()).containsKeys("apiVersion", "kind");
      assertThat(resource.name())
          .as("name of a %s in %s", resource.kind(), resource.file())
          .isNotBlank();
      // The kustomization sets one namespace on everything; a namespace in a file would escape it.
      assertThat(resource.metadata())
          .as("%s %s", resource.kind(), resource.name())
          .doesNotContainKey("namespace");
    }
  }

  @Test
  void theKustomizationListsEveryResourceFileAndSetsTheNamespace() {
    Map<String, Object> kustomization = KubernetesManifests.kustomization(KubernetesManifests.DIR);
    assertThat(kustomization.get("namespace")).isEqualTo("acme-saas");
    assertThat(KubernetesManifests.get("Namespace", "acme-saas")).isNotNull();
    @SuppressWarnings("unchecked")
    List<String> listed = (List<String>) kustomization.get("resources");
    Set<String> files = new HashSet<>();
    for (String entry : listed) {
      Path path = KubernetesManifests.DIR.resolve(entry).normalize();
      assertThat(path).as("kustomization resource %s", entry).exists();
      if (Files.isDirectory(path)) {
        assertThat(path.resolve("kustomization.yaml")).as("%s is a kustomization", entry).exists();
      } else {
        files.add(entry);
      }
    }
    Set<String> present =
        KubernetesManifests.resourceFiles().stream()
            .map(f -> KubernetesManifests.DIR.relativize(f).toString())
            .collect(Collectors.toSet());
    assertThat(files)
        .as("resource files listed in infra/k8s/kustomization.yaml")
        .isEqualTo(present);
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleRunsTwoReplicasOfItsOwnOverridableImage(String module) {
    Resource deployment = KubernetesManifests.get("Deployment", module);
    assertThat(deployment.at("spec", "replicas")).isEqualTo(2);
    assertThat((String) container(module).get("image")).startsWith("ghcr.io/acme/" + module + ":");
    var images = list(KubernetesManifests.kustomization(KubernetesManifests.DIR).get("images"));
    assertThat(images)
        .as("kustomization images")
        .anyMatch(image -> ("ghcr.io/acme/" + module).equals(image.get("name")));
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleIsProbedOnItsActuatorHealthGroupsOnItsOwnPort(String module) {
    Map<String, Object> container = container(module);
    assertThat(probePath(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
    assertThat(probePath(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
    assertThat(probePath(container, "startupProbe")).startsWith("/actuator/health/");
    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
      assertThat(containerPort(container, at(container, probe, "httpGet", "port")))
          .as("%s %s port", module, probe)
          .isEqualTo(Integer.parseInt(Repository.defaultPort(module)));
    }
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleRunsAsNonRootOnAReadOnlyRootFilesystem(String module) {
    Map<String, Object> pod = podSpec(module);
    Map<String, Object> container = container(module);
    Map<String, Object> podContext = map(pod.get("securityContext"));
    Map<String, Object> context = map(container.get("securityContext"));
    assertThat(
            Boolean.TRUE.equals(podContext.get("runAsNonRoot"))
                || Boolean.TRUE.equals(context.get("runAsNonRoot")))
        .as("%s runAsNonRoot", module)
        .isTrue();
    assertThat(podContext.getOrDefault("runAsUser", context.get("runAsUser")))
        .as("%s runAsUser", module)
        .isNotNull()
        .isNotEqualTo(0);
    assertThat(context.get("allowPrivilegeEscalation"))
        .as("%s allowPrivilegeEscalation", module)
        .isEqualTo(false);
    assertThat(context.get("readOnlyRootFilesystem"))
        .as("%s readOnlyRootFilesystem", module)
        .isEqualTo(true);
    assertThat(at(context, "capabilities", "drop"))
        .as("%s drops capabilities", module)
        .asList()
        .contains("ALL");
    // A read-only root needs somewhere to write: /tmp, on an emptyDir.
    String tmpVolume =
        list(container.get("volumeMounts")).stream()
            .filter(mount -> "/tmp".equals(mount.get("mountPath")))
            .map(mount -> (String) mount.get("name"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(module + " mounts nothing on /tmp"));
    assertThat(list(pod.get("volumes")))
        .as("%s volumes", module)
        .anyMatch(volume -> tmpVolume.equals(volume.get("name")) && volume.containsKey("emptyDir"));
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleRequestsAndLimitsItsResources(String module) {
    Map<String, Object> resources = map(container(module).get("resources"));
    assertThat(map(resources.get("requests")))
        .as("%s requests", module)
        .containsKeys("cpu", "memory");
    assertThat(map(resources.get("limits"))).as("%s limits", module).containsKeys("cpu", "memory");
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleGetsEveryVariableOfItsComposeService(String module) {
    Map<String, Object> compose = composeEnvironment(module);
    Map<String, Map<String, Object>> env = explicitEnvironment(module);
    Set<String> names = new LinkedHashSet<>(env.keySet());
    names.addAll(configMapVariables(module).keySet());
    assertThat(names).as("%s environment on Kubernetes", module).containsAll(compose.keySet());
    compose.forEach(
        (variable, value) -> {
          if (isSecret(variable, value)) {
            assertThat(at(env.get(variable), "valueFrom", "secretKeyRef", "name"))
                .as("%s %s comes from a Secret", module, variable)
                .isNotNull();
          }
        });
  }

  @ParameterizedTest
  @MethodSource("modules")
  void noSecretIsWrittenIntoTheManifests(String module) {
    explicitEnvironment(module)
        .forEach(
            (variable, entry) -> {
              if (SECRET_NAME.matcher(variable).matches()) {
                assertThat(entry).as("%s %s", module, variable).doesNotContainKey("value");
                assertThat(at(entry, "valueFrom", "secretKeyRef", "key"))
                    .as("%s %s", module, variable)
                    .isNotNull();
              }
            });
    assertThat(configMapVariables(module).keySet())
        .as("%s ConfigMap variables", module)
        .noneMatch(variable -> SECRET_NAME.matcher(variable).matches());
    assertThat(KubernetesManifests.ofKind("Secret"))
        .as("Secrets are created by operators, never committed")
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("modules")
  void servicesConnectToClusterServicesNotToLoopback(String module) {
    Map<String, Object> values = new LinkedHashMap<>(configMapVariables(module));
    explicitEnvironment(module)
        .forEach((variable, entry) -> values.put(variable, entry.get("value")));
    values.forEach(
        (variable, value) ->
            assertThat(String.valueOf(value))
                .as("%s %s", module, variable)
                .doesNotContain("127.0.0.1", "localhost"));
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModuleHasAClusterIpServiceAndADisruptionBudget(String module) {
    Map<String, Object> podLabels =
        map(
            KubernetesManifests.get("Deployment", module)
                .at("spec", "template", "metadata", "labels"));
    Resource service = KubernetesManifests.get("Service", module);
    assertThat(service.at("spec", "type")).isIn(null, "ClusterIP");
    assertThat(podLabels).containsAllEntriesOf(map(service.at("spec", "selector")));
    assertThat(list(service.at("spec", "ports")))
        .anyMatch(port -> String.valueOf(port.get("port")).equals(Repository.defaultPort(module)));
    Resource budget = KubernetesManifests.get("PodDisruptionBudget", module);
    assertThat(podLabels).containsAllEntriesOf(map(budget.at("spec", "selector", "matchLabels")));
    assertThat(
            budget.at("spec", "maxUnavailable") != null
                || budget.at("spec", "minAvailable") != null)
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("modules")
  void prometheusFindsEveryModulesMetrics(String module) {
    Map<String, Object> annotations =
        map(
            KubernetesManifests.get("Deployment", module)
                .at("spec", "template", "metadata", "annotations"));
    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/path", "/actuator/prometheus");
    assertThat(list(container(module).get("ports")))
        .as("%s declares the port Prometheus scrapes", module)
        .anyMatch(
            port ->
                String.valueOf(port.get("containerPort"))
                    .equals(annotations.get("prometheus.io/port")));
  }

  @Test
  void onlyTheGatewayIsReachableThroughAnIngress() {
    List<Resource> ingresses = KubernetesManifests.ofKind("Ingress");
    assertThat(ingresses).isNotEmpty();
    for (Resource ingress : ingresses) {
      List<Object> backends =
          list(ingress.at("spec", "rules")).stream()
              .flatMap(rule -> list(at(rule, "http", "paths")).stream())
              .map(path -> at(path, "backend", "service", "name"))
              .toList();
      assertThat(backends)
          .as("backends of Ingress %s", ingress.name())
          .isNotEmpty()
          .containsOnly("gateway");
      assertThat(ingress.at("spec", "defaultBackend")).isNull();
    }
    assertThat(KubernetesManifests.ofKind("Service"))
        .as("no Service is exposed outside the cluster")
        .allMatch(
            service ->
                service.at("spec", "type") == null
                    || "ClusterIP".equals(service.at("spec", "type")));
  }

  @Test
  void topicsMatchTheKafkaContract() {
    String contract =
        Repository.read(
            Repository.ROOT.resolve(
                "common-lib/src/main/java/com/acme/saas/common/events/Topics.java"));
    Set<String> expected = new HashSet<>();
    Matcher topic = Pattern.compile("_EVENTS = \"([a-z-]+)\"").matcher(contract);
    while (topic.find()) {
      expected.add(topic.group(1));
      expected.add(topic.group(1) + "-dlt");
    }
    assertThat(expected)
        .contains(
            "user-events", "user-events-dlt", "subscription-events", "subscription-events-dlt");

    List<Resource> topics = KubernetesManifests.ofKind("KafkaTopic");
    assertThat(topics.stream().map(Resource::name)).containsExactlyInAnyOrderElementsOf(expected);
    String cluster = KubernetesManifests.ofKind("Kafka").getFirst().name();
    String partitions =
        String.valueOf(
            KubernetesManifests.get("ConfigMap", CONFIG_MAP).at("data", "KAFKA_TOPIC_PARTITIONS"));
    assertThat(partitions).isEqualTo("6");
    for (Resource t : topics) {
      assertThat(t.at("metadata", "labels", "strimzi.io/cluster")).as(t.name()).isEqualTo(cluster);
      assertThat(String.valueOf(t.at("spec", "partitions")))
          .as("%s partitions", t.name())
          .isEqualTo(partitions);
      assertThat(t.at("spec", "replicas")).as("%s replicas", t.name()).isEqualTo(3);
    }
  }

  @Test
  void kafkaIsAThreeNodeKraftClusterOfStrimziThatTheServicesConnectTo() {
    List<Resource> clusters = KubernetesManifests.ofKind("Kafka");
    assertThat(clusters)
        .singleElement()
        .satisfies(
            kafka ->
                assertThat(kafka.body().get("apiVersion")).isEqualTo("kafka.strimzi.io/v1beta2"));
    Resource kafka = clusters.getFirst();
    assertThat(kafka.at("spec", "zookeeper")).isNull();
    Resource pool = KubernetesManifests.ofKind("KafkaNodePool").getFirst();
    assertThat(pool.at("metadata", "labels", "strimzi.io/cluster")).isEqualTo(kafka.name());
    assertThat(pool.at("spec", "replicas")).isEqualTo(3);
    assertThat(pool.at("spec", "roles")).asList().containsExactlyInAnyOrder("controller", "broker");
    Object port = list(kafka.at("spec", "kafka", "listeners")).getFirst().get("port");
    assertThat(
            KubernetesManifests.get("ConfigMap", CONFIG_MAP).at("data", "KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo(kafka.name() + "-kafka-bootstrap:" + port);
  }

  @Test
  void postgresIsACloudNativePgClusterInitialisedWithInfraPostgres() {
    List<Resource> clusters = KubernetesManifests.ofKind("Cluster");
    assertThat(clusters)
        .singleElement()
        .satisfies(c -> assertThat(c.body().get("apiVersion")).isEqualTo("postgresql.cnpg.io/v1"));
    Resource cluster = clusters.getFirst();
    assertThat(cluster.at("spec", "instances")).isEqualTo(3);
    assertThat((String) cluster.at("spec", "imageName")).endsWith(":17");
    assertThat(KubernetesManifests.get("ConfigMap", CONFIG_MAP).at("data", "DB_URL"))
        .isEqualTo(
            "jdbc:postgresql://"
                + cluster.name()
                + "-rw:5432/"
                + cluster.at("spec", "bootstrap", "initdb", "database"));

    // The SQL comes from infra/postgres itself, through the kustomization beside it, in this order.
    var refs =
        list(
            cluster.at(
                "spec", "bootstrap", "initdb", "postInitApplicationSQLRefs", "configMapRefs"));
    assertThat(refs.stream().map(ref -> ref.get("key")))
        .containsExactly("roles.sql", "schemas.sql");
    Path postgres = Repository.ROOT.resolve("infra/postgres");
    var generators = list(KubernetesManifests.kustomization(postgres).get("configMapGenerator"));
    for (Map<String, Object> ref : refs) {
      assertThat(generators)
          .anyMatch(
              generator ->
                  generator.get("name").equals(ref.get("name"))
                      && list(generator.get("files"))
                          .toString()
                          .contains(String.valueOf(ref.get("key"))));
      assertThat(postgres.resolve(String.valueOf(ref.get("key")))).exists();
    }
    @SuppressWarnings("unchecked")
    List<String> resources =
        (List<String>) KubernetesManifests.kustomization(KubernetesManifests.DIR).get("resources");
    assertThat(resources).contains("../postgres");
  }

  @Test
  void everyServiceConnectsAsItsOwnRoleWithThePasswordPostgresHas() {
    Map<String, String> passwordSecretOfRole = new HashMap<>();
    for (Map<String, Object> role :
        list(KubernetesManifests.ofKind("Cluster").getFirst().at("spec", "managed", "roles"))) {
      passwordSecretOfRole.put(
          (String) role.get("name"), (String) at(role, "passwordSecret", "name"));
    }
    Set<String> roles = new HashSet<>();
    Matcher role =
        Pattern.compile("'([a-z]+_service)'")
            .matcher(Repository.read(Repository.ROOT.resolve("infra/postgres/roles.sql")));
    while (role.find()) {
      roles.add(role.group(1));
    }
    assertThat(passwordSecretOfRole.keySet())
        .as("roles with a password")
        .containsExactlyInAnyOrderElementsOf(roles);
    for (String module : modules()) {
      if (!composeEnvironment(module).containsKey("DB_USER")) {
        continue;
      }
      var env = explicitEnvironment(module);
      String user = (String) env.get("DB_USER").get("value");
      assertThat(user)
          .as("%s DB_USER", module)
          .isEqualTo(composeEnvironment(module).get("DB_USER"));
      assertThat(at(env.get("DB_PASSWORD"), "valueFrom", "secretKeyRef", "name"))
          .as("%s DB_PASSWORD", module)
          .isEqualTo(passwordSecretOfRole.get(user));
    }
  }

  @Test
  void theExampleSecretsHoldEveryKeyTheServicesReadAndOnlyPlaceholders() {
    Map<String, String> example = new LinkedHashMap<>();
    for (String line :
        Repository.read(KubernetesManifests.DIR.resolve("secrets.example.env")).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] pair = line.split("=", 2);
        example.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
    }
    assertThat(example.values())
        .as("example values")
        .isNotEmpty()
        .allMatch(value -> value.startsWith("REPLACE_ME"));
    for (String module : modules()) {
      explicitEnvironment(module)
          .values()
          .forEach(
              entry -> {
                Map<String, Object> ref = map(at(entry, "valueFrom", "secretKeyRef"));
                if ("acme-saas-secrets".equals(ref.get("name"))) {
                  assertThat(example)
                      .as("secrets.example.env")
                      .containsKey((String) ref.get("key"));
                }
              });
    }
  }

  private static boolean isSecret(String variable, Object composeValue) {
    // docker-compose.yml marks what operators must supply as ${NAME:?...}: the secrets.
    return SECRET_NAME.matcher(variable).matches() || String.valueOf(composeValue).contains(":?");
  }

  private static Map<String, Object> podSpec(String module) {
    return map(KubernetesManifests.get("Deployment", module).at("spec", "template", "spec"));
  }

  private static Map<String, Object> container(String module) {
    var containers = list(podSpec(module).get("containers"));
    return containers.stream()
        .filter(c -> module.equals(c.get("name")))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("Deployment " + module + " has no container " + module));
  }

  private static String probePath(Map<String, Object> container, String probe) {
    return (String) at(container, probe, "httpGet", "path");
  }

  /** A probe's port, by number or by the name of one of the container's ports. */
  private static Integer containerPort(Map<String, Object> container, Object port) {
    if (port instanceof Integer number) {
      return number;
    }
    return list(container.get("ports")).stream()
        .filter(p -> port != null && port.equals(p.get("name")))
        .map(p -> (Integer) p.get("containerPort"))
        .findFirst()
        .orElse(null);
  }

  /** The container's env entries by name. */
  private static Map<String, Map<String, Object>> explicitEnvironment(String module) {
    Map<String, Map<String, Object>> env = new LinkedHashMap<>();
    for (Map<String, Object> entry : list(container(module).get("env"))) {
      env.put((String) entry.get("name"), entry);
    }
    return env;
  }

  /** The variables the container gets from ConfigMaps through envFrom. */
  private static Map<String, Object> configMapVariables(String module) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (Map<String, Object> source : list(container(module).get("envFrom"))) {
      assertThat(source)
          .as("%s envFrom takes ConfigMaps only; secrets go through secretKeyRef", module)
          .doesNotContainKey("secretRef");
      String name = (String) at(source, "configMapRef", "name");
      variables.putAll(map(KubernetesManifests.get("ConfigMap", name).at("data")));
    }
    return variables;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> composeEnvironment(String module) {
    return (Map<String, Object>) Repository.composeService(module).get("environment");
  }
}
