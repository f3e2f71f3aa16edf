package com.acme.saas.flags.evaluation;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every flag's value for the caller, in the envelope: {@code {"data": {"<key>": true|false}}}. */
@RestController
class EvaluationController {

  private final Evaluator evaluator;

  EvaluationController(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  @GetMapping("/api/v1/flags/evaluate")
  ApiResponse<Map<String, Boolean>> evaluate(CurrentUser caller) {
    Map<String, Boolean> values = new LinkedHashMap<>();
    evaluator
        .evaluateAll(evaluator.subjectOf(caller))
        .forEach((key, evaluation) -> values.put(key, evaluation.value()));
    return ApiResponse.of(values);
  }
}
