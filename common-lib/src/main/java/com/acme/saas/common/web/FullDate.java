package com.acme.saas.common.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Request dates as the API documents them, RFC 3339 full-dates ({@code 2026-12-24}): a four-digit
 * year and a real day. Java's ISO parser also takes {@code +999999999-12-31}, a date the suite
 * would then store and answer in a form no client's RFC 3339 parser reads.
 */
final class FullDate extends StdScalarDeserializer<LocalDate> {

  private static final DateTimeFormatter RFC_3339_FULL_DATE =
      new DateTimeFormatterBuilder()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 2)
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT);

  FullDate() {
    super(LocalDate.class);
  }

  @Override
  public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
    if (!parser.hasToken(JsonToken.VALUE_STRING)) {
      return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
    }
    String text = parser.getString();
    try {
      return LocalDate.parse(text, RFC_3339_FULL_DATE);
    } catch (DateTimeParseException e) {
      throw InvalidFormatException.from(
          parser, "A date must be a full-date such as 2026-12-24", text, LocalDate.class);
    }
  }
}
