package com.acme.saas.common.observability;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's own Elastic Common Schema log format, byte for byte, encoded through a string.
 *
 * <p>Boot 4.0 turns a structured log event into bytes by writing its JSON one character at a time
 * into an {@code OutputStreamWriter} (spring-boot#49428); under load that is most of what logging
 * costs: about 12% of the gateway's CPU, which writes an access log line per request. Building the
 * JSON in a {@code StringBuilder} and encoding it in one call (this interface's default {@code
 * formatAsBytes}) gives the same bytes several times faster ({@code
 * common-lib/bench/log-encoding.sh}).
 *
 * <p>Boot's formatter class is package-private, hence the reflection: if an upgrade renames it, the
 * service fails at start, and {@code EcsLogFormatterTests} fails in the build first. Drop this
 * class (and its {@code logging.structured.format.console} default) once Boot encodes efficiently
 * itself.
 */
public final class EcsLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

  private static final String BOOT_ECS_FORMATTER =
      "org.springframework.boot.logging.logback.ElasticCommonSchemaStructuredLogFormatter";

  private final StructuredLogFormatter<ILoggingEvent> ecs;

  /** Boot passes the same arguments it gives its own ECS formatter. */
  public EcsLogFormatter(
      Environment environment,
      @Nullable StackTracePrinter stackTracePrinter,
      ContextPairs contextPairs,
      ThrowableProxyConverter throwableProxyConverter,
      StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
    this.ecs =
        bootEcsFormatter(
            environment,
            stackTracePrinter,
            contextPairs,
            throwableProxyConverter,
            customizerBuilder);
  }

  @Override
  public String format(ILoggingEvent event) {
    return ecs.format(event);
  }

  @SuppressWarnings("unchecked")
  private static StructuredLogFormatter<ILoggingEvent> bootEcsFormatter(Object... arguments) {
    try {
      Constructor<?> constructor =
          Class.forName(BOOT_ECS_FORMATTER)
              .getDeclaredConstructor(
                  Environment.class,
                  StackTracePrinter.class,
                  ContextPairs.class,
                  ThrowableProxyConverter.class,
                  StructuredLoggingJsonMembersCustomizer.Builder.class);
      constructor.setAccessible(true);
      return (StructuredLogFormatter<ILoggingEvent>) constructor.newInstance(arguments);
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause =
          e instanceof InvocationTargetException invocation ? invocation.getCause() : e;
      throw new IllegalStateException(
          "Spring Boot's ECS log formatter ("
              + BOOT_ECS_FORMATTER
              + ") could not be created; set "
              + "logging.structured.format.console=ecs to use it directly",
          cause);
    }
  }
}
