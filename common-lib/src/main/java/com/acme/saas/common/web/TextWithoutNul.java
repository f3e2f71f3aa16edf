package com.acme.saas.common.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Request strings without U+0000: PostgreSQL text cannot hold it, so a {@code \u0000} in a body
 * would fail the statement that stores or searches it (a 500). Refused while reading instead, as a
 * field with the wrong format (400, the field named).
 */
final class TextWithoutNul extends StdScalarDeserializer<String> {

  TextWithoutNul() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) {
    String value = StringDeserializer.instance.deserialize(parser, context);
    if (value != null && value.indexOf('\u0000') >= 0) {
      throw InvalidFormatException.from(
          parser, "A NUL character (U+0000) is not allowed in text", value, String.class);
    }
    return value;
  }
}
