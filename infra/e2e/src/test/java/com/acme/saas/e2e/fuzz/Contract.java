package com.acme.saas.e2e.fuzz;

import com.acme.saas.testsupport.RawHttp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every answer of the suite keeps to, whatever the request: no 5xx (a 503 only while a
 * dependency is really down), an error is the JSON envelope with a catalogued code and a request
 * id, and no body shows a stack trace, a class name, SQL or an internal host.
 */
final class Contract {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What must never show in a body (the request's own strings removed first). */
  private static final List<Pattern> LEAKS =
      List.of(
          Pattern.compile("\\bat [\\w$]+(\\.[\\w$]+)+\\("),
          Pattern.compile("\\.java:\\d+"),
          Pattern.compile("Caused by:"),
          Pattern.compile(
              "\\b(java|javax|jakarta|sun|jdk|org\\.springframework|org\\.apache|org\\.hibernate"
                  + "|org\\.postgresql|org\\.flywaydb|com\\.zaxxer|reactor|io\\.netty|tools\\.jackson"
                  + "|com\\.fasterxml|com\\.stripe|com\\.acme)\\.[a-z]\\w*"),
          Pattern.compile("\\b[A-Z][a-z]+[A-Za-z]*(Exception|Error)\\b"),
          Pattern.compile(
              "(?i)(SQLState|SQLException|syntax error at or near|violates \\w+( \\w+)? constraint"
                  + "|duplicate key value|jdbc:|relation \"|column \"|hikari)"),
          Pattern.compile("(?i)\\bselect\\b.{1,200}?\\bfrom\\s+\\w"),
          Pattern.compile("(?i)\\b(insert into|delete from)\\s+\\w"),
          Pattern.compile(
              "(127\\.0\\.0\\.1|\\blocalhost\\b|0:0:0:0:0:0:0:1|\\[::1\\]|\\.svc\\.cluster\\.local"
                  + "|\\b(auth|user|task|billing|flags)-service:\\d+)"));

  private static final String OFREP_EVALUATION = "/api/v1/ofrep/v1/evaluate/";

  /** OFREP's error codes (open-feature/protocol service/openapi.yaml). */
  private static final Set<String> OFREP_ERRORS =
      Set.of(
          "PARSE_ERROR",
          "TARGETING_KEY_MISSING",
          "INVALID_CONTEXT",
          "GENERAL",
          "FLAG_NOT_FOUND",
          "TYPE_MISMATCH");

  private final Set<String> catalogue;
  private final List<String> allowedUrls;

  /**
   * @param allowedUrls base URLs a body may name (the local Stripe stand-in's checkout pages, which
   *     stand for Stripe's own)
   */
  Contract(Set<String> catalogue, List<String> allowedUrls) {
    this.catalogue = catalogue;
    this.allowedUrls = allowedUrls;
  }

  /** What is wrong with the answer; empty when nothing is. */
  List<String> violations(
      String path, RawHttp.Response answer, Collection<String> sent, boolean dependencyDown) {
    List<String> wrong = new ArrayList<>();
    int status = answer.status();
    if (status >= 500 && !(status == 503 && dependencyDown)) {
      wrong.add("a " + status + " answer");
    }
    // docs/API.md: OFREP evaluations answer the protocol's own error shape, so that standard
    // OpenFeature providers read them; the gateway's refusals there are still the envelope.
    boolean ofrepError = path.startsWith(OFREP_EVALUATION) && isOfrepError(answer.body());
    if (status >= 400 && !ofrepError) {
      String type = answer.header("Content-Type");
      if (type == null || !type.startsWith("application/json")) {
        wrong.add("an error that is not JSON (Content-Type " + type + ")");
      }
      JsonNode error = parse(answer.body()).path("error");
      String code = error.path("code").asString("");
      if (!catalogue.contains(code)) {
        wrong.add("an error without a catalogued code (" + code + ")");
      }
      if (error.path("requestId").asString("").isBlank()) {
        wrong.add("an error envelope without a requestId");
      }
      if (error.path("message").asString("").isBlank()) {
        wrong.add("an error envelope without a message");
      }
    }
    String leak = leak(answer.body(), sent);
    if (leak != null) {
      wrong.add("a body that leaks internals: '" + leak + "'");
    }
    return wrong;
  }

  /** The first leak in the body, once what the request (or an earlier one) sent is removed. */
  String leak(String body, Collection<String> sent) {
    String text = body;
    for (String url : allowedUrls) {
      text = text.replace(url, "");
    }
    if (LEAKS.stream().noneMatch(p -> p.matcher(unescaped(body)).find())) {
      return null;
    }
    // Slow path: an echo of the request's own strings is not a leak.
    text = unescaped(text);
    List<String> echoes = new ArrayList<>(sent);
    echoes.sort((a, b) -> b.length() - a.length());
    for (String echo : echoes) {
      if (echo.length() >= 3) {
        text = text.replace(echo, "");
      }
    }
    for (Pattern pattern : LEAKS) {
      var matcher = pattern.matcher(text);
      if (matcher.find()) {
        int from = Math.max(0, matcher.start() - 40);
        int to = Math.min(text.length(), matcher.end() + 40);
        return text.substring(from, to);
      }
    }
    return null;
  }

  private static boolean isOfrepError(String body) {
    return OFREP_ERRORS.contains(parse(body).path("errorCode").asString(""));
  }

  /** The body with its JSON strings unescaped, so a pattern sees what a reader would. */
  private static String unescaped(String body) {
    JsonNode node = parse(body);
    if (node.isMissingNode()) {
      return body;
    }
    StringBuilder text = new StringBuilder();
    for (String s : BadRequests.strings(node)) {
      text.append(s).append('\n');
    }
    return text.toString();
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (RuntimeException notJson) {
      return JSON.missingNode();
    }
  }
}
