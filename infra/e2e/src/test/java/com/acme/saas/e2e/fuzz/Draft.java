package com.acme.saas.e2e.fuzz;

import com.acme.saas.e2e.fuzz.Callers.Role;
import com.acme.saas.e2e.fuzz.Operations.Operation;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One generated request, before it is sent: what is wrong with it ({@code kind} and {@code what}),
 * the token it carries, its path values (encoded; a path parameter not named here gets the real id
 * the caller owns), query, content type and body. {@code sent} lists the strings it carries, so an
 * answer that echoes them is not taken for a leak.
 */
record Draft(
    Operation operation,
    String kind,
    String what,
    Token token,
    Role as,
    Map<String, String> pathValues,
    List<String> query,
    @Nullable String contentType,
    byte @Nullable [] body,
    @Nullable String accept,
    List<String> sent) {

  /** The Authorization header a request carries. */
  enum Token {
    /** The caller's own access token. */
    OWN,
    NONE,
    /** Not a JWT at all. */
    GARBAGE,
    /** A well-formed token signed by a key the suite does not know. */
    FOREIGN_KEY,
    /** {@code alg: none}, no signature. */
    UNSIGNED,
    /** The caller's refresh token, used as an access token. */
    REFRESH,
    /** Another scheme. */
    BASIC
  }

  @Override
  public String toString() {
    return kind + " [" + what + "] " + operation + " as " + as + " token " + token;
  }
}
