package com.acme.saas.gateway.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges the services' OpenAPI documents into one OpenAPI 3.1 document served from {@code /}. The
 * services serve the gateway's paths unchanged, so paths are taken as they are. Components of the
 * same name and the same content are kept once; a name two services use differently is prefixed
 * with the service's name in that service's part, references included. An operationId another
 * service already uses is prefixed the same way: OpenAPI requires them unique, and tools that read
 * the document (validators, client generators) refuse or mix up repeated ones.
 */
final class OpenApiMerger {

  /** One service's document, by the service's name in {@code saas.gateway.services}. */
  record ServiceDocument(String service, JsonNode document) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String SCHEMA_REF = "#/components/schemas/";

  private OpenApiMerger() {}

  static ObjectNode merge(List<ServiceDocument> documents, List<String> missing) {
    ObjectNode merged = NODES.objectNode();
    merged.put("openapi", "3.1.0");
    ObjectNode info = merged.putObject("info");
    info.put("title", "Acme SaaS API");
    info.put("version", "v1");
    info.put(
        "description",
        missing.isEmpty()
            ? "Every service's routes, as the gateway serves them. Envelopes and the error catalogue: docs/API.md."
            : "Incomplete: these services did not answer, their routes are left out: "
                + String.join(", ", missing)
                + ".");
    if (!missing.isEmpty()) {
      missing.forEach(info.putArray("x-missing-services")::add);
    }
    merged.putArray("servers").addObject().put("url", "/");
    ObjectNode paths = merged.putObject("paths");
    ObjectNode components = merged.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    ObjectNode securitySchemes = components.putObject("securitySchemes");
    Set<String> operationIds = new HashSet<>();
    for (ServiceDocument part : documents) {
      JsonNode document = renameClashingSchemas(part, schemas);
      document
          .path("paths")
          .properties()
          .forEach(
              path ->
                  paths.set(
                      path.getKey(),
                      uniqueOperationIds(part.service(), path.getValue(), operationIds)));
      document
          .at("/components/schemas")
          .properties()
          .forEach(schema -> schemas.set(schema.getKey(), schema.getValue()));
      document
          .at("/components/securitySchemes")
          .properties()
          .forEach(scheme -> securitySchemes.set(scheme.getKey(), scheme.getValue()));
    }
    return merged;
  }

  /**
   * The path item with each operationId that {@code taken} already holds prefixed with the
   * service's name; adds the ids it keeps to {@code taken}.
   */
  private static JsonNode uniqueOperationIds(String service, JsonNode item, Set<String> taken) {
    JsonNode result = item;
    for (Map.Entry<String, JsonNode> operation : item.properties()) {
      JsonNode id = operation.getValue().get("operationId");
      if (id == null || !id.isString()) {
        continue;
      }
      String unique = taken.contains(id.asString()) ? service + "." + id.asString() : id.asString();
      taken.add(unique);
      if (!unique.equals(id.asString())) {
        if (result == item) {
          result = item.deepCopy();
        }
        ((ObjectNode) result.get(operation.getKey())).put("operationId", unique);
      }
    }
    return result;
  }

  /**
   * The service's document with every schema whose name another service already uses differently
   * renamed.
   */
  private static JsonNode renameClashingSchemas(ServiceDocument part, ObjectNode known) {
    Map<String, String> renames = new HashMap<>();
    part.document()
        .at("/components/schemas")
        .properties()
        .forEach(
            schema -> {
              JsonNode existing = known.get(schema.getKey());
              if (existing != null && !existing.equals(schema.getValue())) {
                renames.put(schema.getKey(), part.service() + "." + schema.getKey());
              }
            });
    if (renames.isEmpty()) {
      return part.document();
    }
    JsonNode copy = part.document().deepCopy();
    rewriteRefs(copy, renames);
    ObjectNode schemas = (ObjectNode) copy.at("/components/schemas");
    renames.forEach((from, to) -> schemas.set(to, schemas.remove(from)));
    return copy;
  }

  private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMA_REF)) {
        String renamed = renames.get(ref.asString().substring(SCHEMA_REF.length()));
        if (renamed != null) {
          object.set("$ref", StringNode.valueOf(SCHEMA_REF + renamed));
        }
      }
      List<JsonNode> children = new ArrayList<>();
      object.properties().forEach(child -> children.add(child.getValue()));
      children.forEach(child -> rewriteRefs(child, renames));
    } else if (node.isArray()) {
      node.values().forEach(child -> rewriteRefs(child, renames));
    }
  }
}
