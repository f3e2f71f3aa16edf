package com.acme.saas.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The Kubernetes manifests of infra/k8s: every YAML document of every file, as parsed maps. */
final class KubernetesManifests {

  static final Path DIR = Repository.ROOT.resolve("infra/k8s");

  /** One Kubernetes object and the file it is written in. */
  record Resource(Path file, Map<String, Object> body) {

    String kind() {
      return (String) body.get("kind");
    }

    String name() {
      return (String) metadata().get("name");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> metadata() {
      return (Map<String, Object>) body.getOrDefault("metadata", Map.of());
    }

    Object at(String... path) {
      return KubernetesManifests.at(body, path);
    }
  }

  private KubernetesManifests() {}

  /** The YAML files of infra/k8s (the kustomization itself aside). */
  static List<Path> resourceFiles() {
    try (Stream<Path> files = Files.walk(DIR)) {
      return files
          .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
          .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of every resource file; a file may hold several, separated by ---. */
  @SuppressWarnings("unchecked")
  static List<Resource> resources() {
    List<Resource> resources = new ArrayList<>();
    for (Path file : resourceFiles()) {
      for (Object document : new Yaml().loadAll(Repository.read(file))) {
        if (document != null) {
          resources.add(new Resource(file, (Map<String, Object>) document));
        }
      }
    }
    return resources;
  }

  static List<Resource> ofKind(String kind) {
    return resources().stream().filter(r -> kind.equals(r.kind())).toList();
  }

  static Optional<Resource> find(String kind, String name) {
    return ofKind(kind).stream().filter(r -> name.equals(r.name())).findFirst();
  }

  static Resource get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("infra/k8s has no " + kind + " " + name));
  }

  static Map<String, Object> kustomization(Path dir) {
    return Repository.yaml(dir.resolve("kustomization.yaml"));
  }

  /** The value at a path of map keys and list indexes ("0"), or null where the path ends early. */
  @SuppressWarnings("unchecked")
  static Object at(Object node, String... path) {
    for (String step : path) {
      if (node instanceof Map<?, ?> map) {
        node = ((Map<String, Object>) map).get(step);
      } else if (node instanceof List<?> list
          && step.matches("\\d+")
          && Integer.parseInt(step) < list.size()) {
        node = list.get(Integer.parseInt(step));
      } else {
        return null;
      }
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object node) {
    return node == null ? List.of() : (List<Map<String, Object>>) node;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    return node == null ? Map.of() : (Map<String, Object>) node;
  }
}
