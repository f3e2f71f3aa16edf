package com.acme.saas.common.web;

import com.acme.saas.common.observability.RequestIds;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Tomcat answers some requests itself, before any filter or controller runs: a path with {@code
 * %ZZ}, {@code %00} or an encoded {@code /}, a {@code ..} that climbs out of the root, a character
 * the HTTP grammar forbids. Its host's error report valve writes those answers; this one replaces
 * Tomcat's HTML page with the envelope, a catalogued code and a request id (the client's when sane,
 * as {@link RequestIdFilter} would keep it, since that filter never ran).
 */
final class EnvelopeErrorReportValve extends ErrorReportValve {

  private final ErrorResponseWriter errors;

  EnvelopeErrorReportValve(ErrorResponseWriter errors) {
    this.errors = errors;
  }

  @Override
  protected void report(Request request, Response response, @Nullable Throwable throwable) {
    int status = response.getStatus();
    // As Tomcat's own valve: nothing to add when there is no error or it was answered already.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String requestId =
        request.getAttribute(RequestIds.MDC_KEY) instanceof String id
            ? id
            : RequestIds.keepOrGenerate(request.getHeader(RequestIds.HEADER));
    request.setAttribute(RequestIds.MDC_KEY, requestId);
    response.setHeader(RequestIds.HEADER, requestId);
    ErrorCode code = ErrorCode.forStatus(status);
    String message =
        switch (code) {
          case VALIDATION_ERROR -> "Request is malformed";
          case INTERNAL_ERROR -> "An unexpected error occurred";
          default -> "Request failed";
        };
    try {
      errors.write(request, response, code, message);
      response.finishResponse();
    } catch (IOException clientGone) {
      // Nothing more can be told to a client that stopped listening.
    }
  }

  /**
   * Puts the valve in the place of Tomcat's on the host; runs after Spring Boot's customizer, which
   * adds a plain {@link ErrorReportValve} there.
   */
  static final class Installer
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ErrorResponseWriter errors;

    Installer(ErrorResponseWriter errors) {
      this.errors = errors;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            Host host = (Host) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
              if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
              }
            }
            // The host adds a valve of this class at start unless one is there already.
            ((StandardHost) host)
                .setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
            host.getPipeline().addValve(new EnvelopeErrorReportValve(errors));
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
