package com.acme.saas.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every deployable module's image, built by the one root Dockerfile with the module's build args:
 * its jar in Spring Boot's layers, JRE 25, non-root, health-checked on its own port.
 */
class DockerfileTests {

  static List<String> modules() {
    return Repository.deployableModules();
  }

  @ParameterizedTest
  @MethodSource("modules")
  void buildsFromTheModulesJarInSpringBootLayers(String module) {
    Dockerfile dockerfile = Dockerfile.of(module);
    assertThat(dockerfile.all("COPY"))
        .anyMatch(
            copy -> copy.startsWith(module + "/target/" + module + "-") && copy.contains(".jar"));
    assertThat(dockerfile.all("RUN"))
        .anyMatch(
            run ->
                run.contains("-Djarmode=tools")
                    && run.contains("extract --layers")
                    && !run.contains("--launcher"));
    assertThat(dockerfile.finalStage().all("COPY"))
        .anyMatch(copy -> copy.contains("/dependencies/"))
        .anyMatch(copy -> copy.contains("/spring-boot-loader/"))
        .anyMatch(copy -> copy.contains("/snapshot-dependencies/"))
        .anyMatch(copy -> copy.contains("/application/"));
  }

  /**
   * The image starts from a JDK AOT cache trained in its own build, on the same files and JVM
   * options it runs with: a cache trained on another classpath would be refused at start.
   */
  @ParameterizedTest
  @MethodSource("modules")
  void startsFromAnAotCacheTrainedOnItsOwnLayout(String module) {
    Dockerfile stage = Dockerfile.of(module).finalStage();
    int lastCopy =
        stage.instructions().stream()
            .map(Dockerfile.Instruction::keyword)
            .toList()
            .lastIndexOf("COPY");
    int javaOptions = indexOf(stage, "ENV", "JAVA_TOOL_OPTIONS=");
    int training = indexOf(stage, "RUN", "-XX:AOTCacheOutput=app.aot");
    assertThat(training).isGreaterThan(lastCopy).isGreaterThan(javaOptions);
    assertThat(stage.instructions().get(training).arguments())
        .contains("-Dspring.context.exit=onRefresh")
        .contains("-jar app.jar")
        .endsWith("test -s app.aot");
    assertThat(stage.all("ENTRYPOINT"))
        .containsExactly("[\"java\", \"-XX:AOTCache=app.aot\", \"-jar\", \"app.jar\"]");
  }

  private static int indexOf(Dockerfile stage, String keyword, String text) {
    List<Dockerfile.Instruction> instructions = stage.instructions();
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals(keyword)
          && instructions.get(i).arguments().contains(text)) {
        return i;
      }
    }
    return -1;
  }

  @ParameterizedTest
  @MethodSource("modules")
  void runsOnAJava25RuntimeImage(String module) {
    assertThat(Dockerfile.of(module).all("FROM"))
        .isNotEmpty()
        .allMatch(from -> from.startsWith("eclipse-temurin:25-jre"));
  }

  @ParameterizedTest
  @MethodSource("modules")
  void runsAsANonRootUser(String module) {
    List<String> users = Dockerfile.of(module).finalStage().all("USER");
    assertThat(users).isNotEmpty();
    String user = users.getLast().split(":")[0];
    assertThat(user).isNotIn("root", "0");
  }

  @ParameterizedTest
  @MethodSource("modules")
  void checksItsReadinessProbeOnItsOwnPort(String module) {
    Dockerfile stage = Dockerfile.of(module).finalStage();
    assertThat(stage.all("HEALTHCHECK"))
        .singleElement()
        .asString()
        .contains("CMD")
        .contains("/actuator/health/readiness")
        .contains("${PORT}");
    String port = Repository.defaultPort(module);
    assertThat(stage.all("ENV")).anyMatch(env -> env.contains("PORT=" + port));
    assertThat(stage.all("EXPOSE")).containsExactly(port);
  }

  @Test
  void theBuildContextHoldsOnlyTheModulesJars() {
    assertThat(
            Repository.read(Repository.ROOT.resolve(".dockerignore"))
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")))
        .containsExactly("*", "!*/target/*.jar");
  }

  @Test
  void authServiceStartsWithItsFullHeap() {
    assertThat(Dockerfile.of("auth-service").finalStage().all("ENV"))
        .anyMatch(
            env ->
                env.contains("-XX:InitialRAMPercentage=75")
                    && env.contains("-XX:MaxRAMPercentage=75"));
    assertThat(Dockerfile.of("task-service").finalStage().all("ENV"))
        .anyMatch(env -> env.contains("JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75\""));
  }
}
