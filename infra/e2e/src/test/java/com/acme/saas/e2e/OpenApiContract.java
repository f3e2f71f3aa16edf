package com.acme.saas.e2e;

import com.acme.saas.testsupport.HttpApi;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Checks every exchange of {@link Suite#api()} against the OpenAPI document the gateway serves at
 * {@code /api/v1/openapi.json}, with Atlassian's openapi-request-validator (formerly
 * swagger-request-validator), so the document and the running suite cannot drift apart unnoticed.
 * The document is fetched once, from the gateway under test.
 *
 * <p>The response must always match the document: a documented status, and a body of the documented
 * schema. The request must match it too unless the suite refused it (4xx): a journey that sends
 * invalid input on purpose checks that it is refused, and a request the document calls invalid must
 * never succeed. Left out, and named here: the gateway's actuator endpoints (health probes, not API
 * routes) and requests a test marks {@link HttpApi.Call#outsideContract}.
 */
final class OpenApiContract implements HttpApi.ExchangeListener {

  static final String DOCUMENT_PATH = "/api/v1/openapi.json";

  /** Operations endpoints of the gateway, not routes of the API, so not in its document. */
  private static final String ACTUATOR = "/actuator/";

  private final OpenApiInteractionValidator validator;

  OpenApiContract(String document) {
    this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
  }

  /** The contract the gateway at {@code gatewayUrl} serves. */
  static OpenApiContract servedBy(String gatewayUrl) {
    HttpApi.Response response = new HttpApi(gatewayUrl).get(DOCUMENT_PATH, null);
    if (response.status() != 200 || response.header("X-OpenAPI-Missing") != null) {
      throw new AssertionError(
          "the gateway's OpenAPI document is unavailable or incomplete (X-OpenAPI-Missing: "
              + response.header("X-OpenAPI-Missing")
              + "): "
              + response);
    }
    return new OpenApiContract(response.text());
  }

  @Override
  public void exchanged(HttpApi.Exchange exchange) {
    if (exchange.outsideContract() != null
        || exchange.path().startsWith(ACTUATOR)
        || exchange.path().equals(DOCUMENT_PATH)) {
      return;
    }
    List<String> problems = problems(exchange);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the exchange does not match the gateway's OpenAPI document:\n"
              + String.join("\n", problems)
              + "\nrequest: "
              + exchange.method()
              + " "
              + exchange.path()
              + (exchange.body().length == 0
                  ? ""
                  : "\n  " + new String(exchange.body(), StandardCharsets.UTF_8))
              + "\nresponse: "
              + exchange.response().status()
              + " "
              + exchange.response().text());
    }
  }

  /** What the validator finds wrong with the exchange, as it reports it; empty when it matches. */
  List<String> problems(HttpApi.Exchange exchange) {
    Request request = request(exchange);
    ValidationReport responseReport =
        validator.validateResponse(request.getPath(), request.getMethod(), response(exchange));
    ValidationReport requestReport = validator.validateRequest(request);
    boolean refused = exchange.response().status() / 100 == 4;
    ValidationReport report =
        refused && !unknownOperation(requestReport)
            ? responseReport
            : requestReport.merge(responseReport);
    return report.getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .map(OpenApiContract::describe)
        .toList();
  }

  /** One message of the validator's report: its key and text, and where in the body it applies. */
  private static String describe(ValidationReport.Message message) {
    String at =
        message
            .getContext()
            .flatMap(ValidationReport.MessageContext::getPointers)
            .map(pointers -> " (at " + pointers.getInstance() + ")")
            .orElse("");
    StringBuilder line =
        new StringBuilder("- ").append(message.getKey()).append(": ").append(message.getMessage());
    line.append(at);
    message.getNestedMessages().forEach(nested -> line.append("\n    ").append(describe(nested)));
    message.getAdditionalInfo().forEach(info -> line.append("\n    ").append(info));
    return line.toString();
  }

  /** A path or method the document does not have is drift whatever the status. */
  private static boolean unknownOperation(ValidationReport report) {
    return report.getMessages().stream()
        .anyMatch(
            message ->
                message.getKey().equals("validation.request.path.missing")
                    || message.getKey().equals("validation.request.operation.notAllowed"));
  }

  private static Request request(HttpApi.Exchange exchange) {
    String target = exchange.path();
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(exchange.method().toUpperCase(Locale.ROOT), path);
    if (query >= 0) {
      for (String pair : target.substring(query + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        request.withQueryParam(
            decode(equals < 0 ? pair : pair.substring(0, equals)),
            equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    exchange.headers().forEach(request::withHeader);
    if (exchange.body().length > 0) {
      request.withBody(exchange.body());
    }
    return request.build();
  }

  private static SimpleResponse response(HttpApi.Exchange exchange) {
    HttpApi.Response response = exchange.response();
    SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.status());
    response.raw().headers().map().forEach(builder::withHeader);
    if (!response.text().isEmpty()) {
      builder.withBody(response.text());
    }
    return builder.build();
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
