package com.acme.saas.common.outbox;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code traceparent} of the current span, with the span's own sampling decision as its
 * flag: a consumer continues a sampled trace, and does not start recording one the request did not
 * record.
 */
final class CurrentTraceparent implements Supplier<@Nullable String> {

  private final Tracer tracer;

  CurrentTraceparent(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public @Nullable String get() {
    TraceContext context = tracer.currentTraceContext().context();
    if (context == null) {
      return null;
    }
    String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
    return "00-" + context.traceId() + "-" + context.spanId() + "-" + flags;
  }
}
