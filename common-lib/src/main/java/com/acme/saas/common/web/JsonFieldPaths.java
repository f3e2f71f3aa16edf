package com.acme.saas.common.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a validation error's bean path ({@code items[2].unitPrice}) into the path of the JSON the
 * client sent ({@code items[2].unit_price}), so a detail names the property as the client wrote it,
 * {@code @JsonProperty} included. A segment Jackson does not know is kept as it is.
 */
final class JsonFieldPaths {

  /** A property name followed by any number of {@code [index]} or {@code [key]} parts. */
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[]*)((?:\\[[^]]*])*)");

  private final JsonMapper jsonMapper;

  JsonFieldPaths(JsonMapper jsonMapper) {
    this.jsonMapper = jsonMapper;
  }

  String of(@Nullable Class<?> rootType, String beanPath) {
    if (rootType == null || beanPath.isEmpty()) {
      return beanPath;
    }
    JavaType type = jsonMapper.constructType(rootType);
    StringBuilder path = new StringBuilder();
    for (String segment : beanPath.split("\\.")) {
      Matcher parts = SEGMENT.matcher(segment);
      if (!parts.matches()) {
        return beanPath;
      }
      BeanPropertyDefinition property = type == null ? null : property(type, parts.group(1));
      if (!path.isEmpty()) {
        path.append('.');
      }
      path.append(property == null ? parts.group(1) : property.getName()).append(parts.group(2));
      type = property == null ? null : property.getPrimaryType();
      // Each [index] steps into the element type of a list, an array or a map.
      for (int i = 0;
          type != null && i < parts.group(2).chars().filter(c -> c == '[').count();
          i++) {
        type = type.getContentType();
      }
    }
    return path.toString();
  }

  private @Nullable BeanPropertyDefinition property(JavaType type, String javaName) {
    BeanDescription description =
        jsonMapper._deserializationContext().introspectBeanDescriptionForCreation(type);
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (property.getInternalName().equals(javaName)) {
        return property;
      }
    }
    return null;
  }
}
