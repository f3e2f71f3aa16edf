package com.acme.saas.flags.evaluation;

import com.acme.saas.flags.evaluation.Evaluation.Reason;

/**
 * The evaluation order of the contract, first decision wins: disabled → off; the user's override →
 * its value; listed in {@code userIds} → on; {@code roles} or {@code plans} given and not matched →
 * off; then the sticky rollout.
 */
public final class FlagRules {

  private FlagRules() {}

  public static Evaluation evaluate(FlagDefinition flag, Subject subject) {
    if (!flag.enabled()) {
      return new Evaluation(false, Reason.DISABLED);
    }
    Boolean override = flag.overrides().get(subject.userId());
    if (override != null) {
      return new Evaluation(override, Reason.TARGETING_MATCH);
    }
    if (flag.userIds().contains(subject.userId())) {
      return new Evaluation(true, Reason.TARGETING_MATCH);
    }
    boolean roleMissed = !flag.roles().isEmpty() && !flag.roles().contains(subject.role());
    boolean planMissed = !flag.plans().isEmpty() && !flag.plans().contains(subject.plan());
    if (roleMissed || planMissed) {
      return new Evaluation(false, Reason.DEFAULT);
    }
    int percentage = flag.rolloutPercentage();
    boolean on = Rollout.includes(flag.key(), subject.userId().toString(), percentage);
    boolean targeted = !flag.roles().isEmpty() || !flag.plans().isEmpty();
    Reason reason =
        percentage > 0 && percentage < 100
            ? Reason.SPLIT
            : targeted ? Reason.TARGETING_MATCH : Reason.STATIC;
    return new Evaluation(on, reason);
  }
}
