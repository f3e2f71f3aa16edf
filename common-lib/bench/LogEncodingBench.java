import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Encodes the gateway's access log line with Spring Boot's "ecs" encoder and with the suite's
 * EcsLogFormatter, in alternating rounds on one thread, and prints events/s of each and the ratio.
 */
public class LogEncodingBench {
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    long roundNanos = Long.parseLong(args[1]) * 1_000_000_000L;
    LoggerContext context = new LoggerContext();
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("bench", Map.of("spring.application.name", "gateway", "spring.application.pid", "4242")));
    context.putObject(Environment.class.getName(), environment);
    StructuredLogEncoder boot = encoder(context, "ecs");
    StructuredLogEncoder suite = encoder(context, "com.acme.saas.common.observability.EcsLogFormatter");
    LoggingEvent event = accessEvent(context.getLogger("gateway.access"));
    System.out.printf("one line: %d bytes%n", suite.encode(event).length);
    rate(boot, event, roundNanos); // warm-up
    rate(suite, event, roundNanos);
    double[] ratios = new double[rounds];
    for (int round = 1; round <= rounds; round++) {
      double bootRate = rate(boot, event, roundNanos);
      double suiteRate = rate(suite, event, roundNanos);
      ratios[round - 1] = suiteRate / bootRate;
      System.out.printf("round %d: boot ecs %,.0f lines/s, EcsLogFormatter %,.0f lines/s, ratio %.2f%n", round, bootRate, suiteRate, ratios[round - 1]);
    }
    java.util.Arrays.sort(ratios);
    System.out.printf("median ratio EcsLogFormatter / boot ecs: %.2f%n", ratios[rounds / 2]);
  }

  private static double rate(StructuredLogEncoder encoder, LoggingEvent event, long roundNanos) {
    long start = System.nanoTime();
    long count = 0;
    long bytes = 0;
    while (System.nanoTime() - start < roundNanos) {
      for (int i = 0; i < 1000; i++) {
        bytes += encoder.encode(event).length;
      }
      count += 1000;
    }
    if (bytes == 0) throw new IllegalStateException("nothing encoded");
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static StructuredLogEncoder encoder(LoggerContext context, String format) {
    StructuredLogEncoder encoder = new StructuredLogEncoder();
    encoder.setContext(context);
    encoder.setFormat(format);
    encoder.start();
    return encoder;
  }

  private static LoggingEvent accessEvent(Logger logger) {
    String message = "http.access method={} path={} status={} durationMs={} userId={} requestId={}";
    Object[] arguments = {"GET", "/api/v1/tasks", 200, 3, "c0ffee00-0000-4000-8000-000000000001", "8d0c3f0e-5a4b-4e07-9f1d-2b6f7c1d9a10"};
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, arguments);
    event.setKeyValuePairs(List.of(
        new KeyValuePair("method", "GET"), new KeyValuePair("path", "/api/v1/tasks"), new KeyValuePair("status", 200),
        new KeyValuePair("durationMs", 3L), new KeyValuePair("userId", "c0ffee00-0000-4000-8000-000000000001"),
        new KeyValuePair("requestId", "8d0c3f0e-5a4b-4e07-9f1d-2b6f7c1d9a10")));
    event.setMDCPropertyMap(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7"));
    event.setThreadName("reactor-http-epoll-1");
    return event;
  }
}
