package com.acme.saas.common.observability;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The {@code X-Request-Id} rules: a client's id is kept only when it is short and plain. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";

  /** MDC key and request attribute under which the current request id is kept. */
  public static final String MDC_KEY = "requestId";

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  /** The client's id when it is sane, otherwise a fresh one. */
  public static String keepOrGenerate(@Nullable String candidate) {
    return candidate != null && SANE.matcher(candidate).matches()
        ? candidate
        : UUID.randomUUID().toString();
  }
}
