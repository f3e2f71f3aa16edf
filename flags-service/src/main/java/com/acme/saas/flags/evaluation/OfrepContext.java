package com.acme.saas.flags.evaluation;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.security.Roles;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns an OFREP request body ({@code {"context": {...}}}) into the subject to evaluate for.
 *
 * <p>A USER is always evaluated as itself: whatever {@code targetingKey}, {@code role} or {@code
 * plan} the context says is ignored, so nobody can read another user's flags. An ADMIN may preview
 * another user: {@code targetingKey} (a user id) picks the user, whose plan is then the one this
 * service knows unless {@code plan} says otherwise; {@code role} defaults to USER for another user,
 * because this service does not know other users' roles.
 */
final class OfrepContext {

  private static final Set<String> ROLES = Set.of(Roles.USER, Roles.ADMIN);
  private static final Set<String> PLANS = Set.of("free", "pro", "team");

  private OfrepContext() {}

  static Subject subject(CurrentUser caller, @Nullable JsonNode body, Evaluator evaluator) {
    if (body == null
        || !body.isObject()
        || body.get("context") == null
        || !body.get("context").isObject()) {
      throw new InvalidContext("The body must be an object with a context object");
    }
    if (!caller.isAdmin()) {
      return evaluator.subjectOf(caller);
    }
    JsonNode context = body.get("context");
    UUID target = caller.id();
    String targetingKey = text(context, "targetingKey");
    if (targetingKey != null) {
      try {
        target = UUID.fromString(targetingKey);
      } catch (IllegalArgumentException e) {
        throw new InvalidContext("targetingKey must be a user id (a UUID)");
      }
    }
    String role = text(context, "role");
    if (role != null && !ROLES.contains(role)) {
      throw new InvalidContext("role must be one of " + ROLES);
    }
    String plan = text(context, "plan");
    if (plan != null && !PLANS.contains(plan)) {
      throw new InvalidContext("plan must be one of " + PLANS);
    }
    String defaultRole = target.equals(caller.id()) ? caller.role() : Roles.USER;
    return new Subject(
        target, role != null ? role : defaultRole, plan != null ? plan : evaluator.planOf(target));
  }

  private static @Nullable String text(JsonNode context, String field) {
    JsonNode value = context.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new InvalidContext(field + " must be a string");
    }
    return value.asString();
  }

  /** The context cannot be evaluated: OFREP's 400 INVALID_CONTEXT. */
  static final class InvalidContext extends RuntimeException {
    InvalidContext(String message) {
      super(message);
    }
  }
}
