package com.acme.saas.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EcsLogFormatterTests {

  private final LoggerContext context = loggerContext();

  @Test
  void writesExactlyWhatBootsEcsFormatWrites() {
    StructuredLogEncoder boots = encoder("ecs");
    StructuredLogEncoder ours = encoder(EcsLogFormatter.class.getName());

    for (LoggingEvent event : List.of(accessEvent(), failureEvent())) {
      byte[] expected = boots.encode(event);
      assertThat(new String(expected, StandardCharsets.UTF_8))
          .contains(event.getFormattedMessage().substring(0, 8))
          .endsWith("}\n");
      assertThat(new String(ours.encode(event), StandardCharsets.UTF_8))
          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
      assertThat(ours.encode(event)).isEqualTo(expected);
    }
  }

  @Test
  void isTheSuitesConsoleFormat() {
    StandardEnvironment environment = new StandardEnvironment();
    new SuiteDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, null);
    assertThat(environment.getProperty("logging.structured.format.console"))
        .isEqualTo(EcsLogFormatter.class.getName());
  }

  /**
   * An access log line: key-value pairs, an MDC entry, characters JSON escapes and UTF-8 encodes.
   */
  private LoggingEvent accessEvent() {
    Logger logger = context.getLogger("gateway.access");
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.INFO,
            "http.access path={} \"quoted\"\tgrüße ✓",
            null,
            new Object[] {"/api/v1/tasks"});
    List<KeyValuePair> pairs = new ArrayList<>();
    pairs.add(new KeyValuePair("method", "GET"));
    pairs.add(new KeyValuePair("status", 200));
    pairs.add(new KeyValuePair("userId", "c0ffee00-0000-4000-8000-000000000001"));
    event.setKeyValuePairs(pairs);
    event.setMDCPropertyMap(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
    event.setThreadName("reactor-http-epoll-1");
    return event;
  }

  /** An error with a stack trace and a marker. */
  private LoggingEvent failureEvent() {
    Logger logger = context.getLogger("com.acme.saas.outbox");
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.ERROR,
            "relay failed",
            new IllegalStateException("broker down\nretrying"),
            null);
    event.addMarker(MarkerFactory.getMarker("OUTBOX"));
    event.setMDCPropertyMap(Map.of());
    event.setThreadName("outbox-relay");
    return event;
  }

  private StructuredLogEncoder encoder(String format) {
    StructuredLogEncoder encoder = new StructuredLogEncoder();
    encoder.setContext(context);
    encoder.setFormat(format);
    encoder.start();
    return encoder;
  }

  private static LoggerContext loggerContext() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "test",
                Map.of(
                    "spring.application.name", "probe",
                    "spring.application.version", "1.2.3",
                    "spring.application.pid", "4242",
                    "logging.structured.ecs.service.environment", "test")));
    LoggerContext context = new LoggerContext();
    context.putObject(Environment.class.getName(), environment);
    return context;
  }
}
