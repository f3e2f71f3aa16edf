package com.acme.saas.flags.evaluation;

import com.acme.saas.common.security.CurrentUser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Evaluates flags from the in-memory snapshot; nothing here touches the database. */
@Service
public class Evaluator {

  private final FlagSnapshot snapshot;

  Evaluator(FlagSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * The caller as evaluation sees it: id and role from the verified token, plan from billing's
   * events.
   */
  Subject subjectOf(CurrentUser caller) {
    return new Subject(caller.id(), caller.role(), snapshot.planOf(caller.id()));
  }

  String planOf(UUID userId) {
    return snapshot.planOf(userId);
  }

  Optional<Evaluation> evaluate(String key, Subject subject) {
    return snapshot.flag(key).map(flag -> FlagRules.evaluate(flag, subject));
  }

  /** Every flag's evaluation, ordered by key. */
  Map<String, Evaluation> evaluateAll(Subject subject) {
    Map<String, Evaluation> results = new LinkedHashMap<>();
    for (FlagDefinition flag : snapshot.flags()) {
      results.put(flag.key(), FlagRules.evaluate(flag, subject));
    }
    return results;
  }
}
