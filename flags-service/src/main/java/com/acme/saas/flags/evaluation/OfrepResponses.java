package com.acme.saas.flags.evaluation;

import java.util.List;
import java.util.Map;

/** OFREP's own response bodies (open-feature/protocol service/openapi.yaml), not the envelope. */
final class OfrepResponses {

  /** OFREP asks for metadata on every evaluation; flags carry none, so it is empty. */
  static final Map<String, Object> NO_METADATA = Map.of();

  private OfrepResponses() {}

  record FlagEvaluation(
      String key, boolean value, String reason, String variant, Map<String, Object> metadata) {
    static FlagEvaluation of(String key, Evaluation evaluation) {
      return new FlagEvaluation(
          key, evaluation.value(), evaluation.reason().name(), evaluation.variant(), NO_METADATA);
    }
  }

  record FlagError(
      String key, String errorCode, String errorDetails, Map<String, Object> metadata) {}

  record BulkEvaluation(List<FlagEvaluation> flags, Map<String, Object> metadata) {}

  record BulkError(String errorCode, String errorDetails) {}

  /**
   * The {@code /ofrep/v1/configuration} body as the protocol defined it before it dropped that
   * endpoint.
   */
  record Configuration(String name, Capabilities capabilities) {}

  record Capabilities(
      CacheInvalidation cacheInvalidation, FlagEvaluationTypes flagEvaluation, Caching caching) {}

  record CacheInvalidation(Polling polling) {}

  record Polling(boolean enabled, long minPollingIntervalMs) {}

  record FlagEvaluationTypes(List<String> supportedTypes) {}

  record Caching(boolean enabled, long ttl) {}
}
