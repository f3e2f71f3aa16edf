package com.acme.saas.common.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Request strings that are well-formed text: no U+0000, which PostgreSQL text cannot hold (a {@code
 * \u0000} stored or searched would fail the statement: a 500), and no unpaired surrogate ({@code
 * \ud800} alone), which is no character at all and which UTF-8 encoders refuse (the password hash
 * did: a 500). Refused while reading, as a field with the wrong format (400, the field named).
 */
final class WellFormedText extends StdScalarDeserializer<String> {

  WellFormedText() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) {
    String value = StringDeserializer.instance.deserialize(parser, context);
    if (value != null && !wellFormed(value)) {
      throw InvalidFormatException.from(
          parser,
          "Text must not contain a NUL character or an unpaired surrogate",
          value,
          String.class);
    }
    return value;
  }

  static boolean wellFormed(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0000') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
