package com.acme.saas.flags.evaluation;

/** A flag's value for one subject, and the OpenFeature reason it has that value. */
public record Evaluation(boolean value, Reason reason) {

  /** OpenFeature resolution reasons, as OFREP sends them. */
  public enum Reason {
    /** The flag is switched off. */
    DISABLED,
    /** An override, the user list, or matched role/plan targeting decided. */
    TARGETING_MATCH,
    /** The subject fell into or out of a partial rollout. */
    SPLIT,
    /** Everyone gets this value (0 % or 100 % without role or plan targeting). */
    STATIC,
    /** Role or plan targeting did not match: the default value, off. */
    DEFAULT
  }

  /** The OFREP variant name of the value. */
  public String variant() {
    return value ? "on" : "off";
  }
}
