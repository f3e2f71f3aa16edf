package com.acme.saas.flags.evaluation;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.flags.evaluation.OfrepContext.InvalidContext;
import com.acme.saas.flags.evaluation.OfrepResponses.BulkError;
import com.acme.saas.flags.evaluation.OfrepResponses.BulkEvaluation;
import com.acme.saas.flags.evaluation.OfrepResponses.CacheInvalidation;
import com.acme.saas.flags.evaluation.OfrepResponses.Caching;
import com.acme.saas.flags.evaluation.OfrepResponses.Capabilities;
import com.acme.saas.flags.evaluation.OfrepResponses.Configuration;
import com.acme.saas.flags.evaluation.OfrepResponses.FlagError;
import com.acme.saas.flags.evaluation.OfrepResponses.FlagEvaluation;
import com.acme.saas.flags.evaluation.OfrepResponses.FlagEvaluationTypes;
import com.acme.saas.flags.evaluation.OfrepResponses.Polling;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenFeature Remote Evaluation Protocol, so that any OpenFeature OFREP provider reads our
 * flags. Bodies are the protocol's own, not the envelope; every flag is a boolean.
 */
@RestController
@RequestMapping("/api/v1/ofrep/v1")
@EnableConfigurationProperties(OfrepProperties.class)
class OfrepController {

  private final Evaluator evaluator;
  private final OfrepProperties properties;

  OfrepController(Evaluator evaluator, OfrepProperties properties) {
    this.evaluator = evaluator;
    this.properties = properties;
  }

  @PostMapping("/evaluate/flags/{key}")
  ResponseEntity<?> evaluate(
      CurrentUser caller,
      @PathVariable String key,
      @RequestBody(required = false) @Nullable JsonNode body) {
    Subject subject = OfrepContext.subject(caller, body, evaluator);
    return evaluator
        .evaluate(key, subject)
        .<ResponseEntity<?>>map(evaluation -> ResponseEntity.ok(FlagEvaluation.of(key, evaluation)))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(
                        new FlagError(
                            key,
                            "FLAG_NOT_FOUND",
                            "Flag '" + key + "' was not found",
                            OfrepResponses.NO_METADATA)));
  }

  /**
   * Every flag for the caller. The ETag is a digest of exactly these results, so it changes when
   * and only when something the caller would see changes; a matching If-None-Match answers 304.
   */
  @PostMapping("/evaluate/flags")
  @ApiResponse(
      responseCode = "200",
      description = "Every flag's evaluation for the caller, with its ETag",
      content = @Content(schema = @Schema(implementation = BulkEvaluation.class)))
  @ApiResponse(
      responseCode = "304",
      description = "Nothing the caller would see changed since the If-None-Match ETag",
      content = @Content) // no body (springdoc would document the return type's)
  ResponseEntity<?> evaluateAll(
      CurrentUser caller,
      @RequestBody(required = false) @Nullable JsonNode body,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
          @Nullable String ifNoneMatch) {
    Subject subject = OfrepContext.subject(caller, body, evaluator);
    List<FlagEvaluation> flags =
        evaluator.evaluateAll(subject).entrySet().stream()
            .map(e -> FlagEvaluation.of(e.getKey(), e.getValue()))
            .toList();
    String etag = ResultTag.of(flags);
    if (ResultTag.matches(ifNoneMatch, etag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
    }
    return ResponseEntity.ok()
        .eTag(etag)
        .body(new BulkEvaluation(flags, OfrepResponses.NO_METADATA));
  }

  @GetMapping("/configuration")
  Configuration configuration() {
    return new Configuration(
        "flags-service",
        new Capabilities(
            new CacheInvalidation(new Polling(true, properties.minPollingInterval().toMillis())),
            new FlagEvaluationTypes(List.of("boolean")),
            new Caching(true, properties.cacheTtl().toMillis())));
  }

  @ExceptionHandler(InvalidContext.class)
  ResponseEntity<?> invalidContext(InvalidContext e, HttpServletRequest request) {
    return badRequest(request, "INVALID_CONTEXT", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<?> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    return badRequest(request, "PARSE_ERROR", "The request body is not valid JSON");
  }

  /** A single-flag failure names its flag; a bulk failure has no flag to name. */
  private static ResponseEntity<?> badRequest(
      HttpServletRequest request, String code, String details) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    Object key = variables instanceof Map<?, ?> map ? map.get("key") : null;
    Object body =
        key == null
            ? new BulkError(code, details)
            : new FlagError(key.toString(), code, details, OfrepResponses.NO_METADATA);
    return ResponseEntity.badRequest().body(body);
  }
}
