package com.acme.saas.gateway.support;

import java.util.List;
import java.util.UUID;

/**
 * Every route of API.md: method, path (with sample ids), the service behind it, and who may call
 * it.
 */
public final class ApiRoutes {

  /** Who may call a route. */
  public enum Access {
    PUBLIC,
    USER,
    ADMIN
  }

  public record ApiRoute(String method, String path, String service, Access access) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final String ID = UUID.randomUUID().toString();

  public static final List<ApiRoute> ALL =
      List.of(
          new ApiRoute("POST", "/api/v1/auth/register", "auth", Access.PUBLIC),
          new ApiRoute("POST", "/api/v1/auth/login", "auth", Access.PUBLIC),
          new ApiRoute("POST", "/api/v1/auth/refresh", "auth", Access.PUBLIC),
          new ApiRoute("POST", "/api/v1/auth/login/mfa", "auth", Access.PUBLIC),
          new ApiRoute("POST", "/api/v1/auth/logout", "auth", Access.USER),
          new ApiRoute("POST", "/api/v1/auth/logout-all", "auth", Access.USER),
          new ApiRoute("POST", "/api/v1/auth/mfa/totp", "auth", Access.USER),
          new ApiRoute("POST", "/api/v1/auth/mfa/totp/confirm", "auth", Access.USER),
          new ApiRoute("DELETE", "/api/v1/auth/mfa/totp", "auth", Access.USER),
          new ApiRoute("POST", "/api/v1/auth/verify-email", "auth", Access.PUBLIC),
          new ApiRoute("POST", "/api/v1/auth/verify-email/resend", "auth", Access.USER),
          new ApiRoute("POST", "/api/v1/auth/password-reset", "auth", Access.PUBLIC),
          new ApiRoute("POST", "/api/v1/auth/password-reset/confirm", "auth", Access.PUBLIC),
          new ApiRoute("POST", "/api/v1/auth/password", "auth", Access.USER),
          new ApiRoute("POST", "/api/v1/auth/keys/rotate", "auth", Access.ADMIN),
          new ApiRoute("GET", "/.well-known/jwks.json", "auth", Access.PUBLIC),
          new ApiRoute("GET", "/api/v1/users/me", "users", Access.USER),
          new ApiRoute("PATCH", "/api/v1/users/me", "users", Access.USER),
          new ApiRoute("GET", "/api/v1/users?page=1&q=ann", "users", Access.ADMIN),
          new ApiRoute("GET", "/api/v1/users/" + ID, "users", Access.ADMIN),
          new ApiRoute("PATCH", "/api/v1/users/" + ID, "users", Access.ADMIN),
          new ApiRoute("DELETE", "/api/v1/users/" + ID, "users", Access.ADMIN),
          new ApiRoute(
              "GET", "/api/v1/tasks?completed=true&sort=createdAt,desc", "tasks", Access.USER),
          new ApiRoute("POST", "/api/v1/tasks", "tasks", Access.USER),
          new ApiRoute("GET", "/api/v1/tasks/" + ID, "tasks", Access.USER),
          new ApiRoute("PATCH", "/api/v1/tasks/" + ID, "tasks", Access.USER),
          new ApiRoute("DELETE", "/api/v1/tasks/" + ID, "tasks", Access.USER),
          new ApiRoute("GET", "/api/v1/admin/tasks?userId=" + ID, "tasks", Access.ADMIN),
          new ApiRoute("GET", "/api/v1/billing/plans", "billing", Access.PUBLIC),
          new ApiRoute("POST", "/api/v1/billing/checkout-session", "billing", Access.USER),
          new ApiRoute("POST", "/api/v1/billing/portal-session", "billing", Access.USER),
          new ApiRoute("GET", "/api/v1/billing/subscription", "billing", Access.USER),
          new ApiRoute("POST", "/api/v1/webhooks/stripe", "billing", Access.PUBLIC),
          new ApiRoute("GET", "/api/v1/flags?page=2", "flags", Access.ADMIN),
          new ApiRoute("POST", "/api/v1/flags", "flags", Access.ADMIN),
          new ApiRoute("GET", "/api/v1/flags/new-ui", "flags", Access.ADMIN),
          new ApiRoute("PATCH", "/api/v1/flags/new-ui", "flags", Access.ADMIN),
          new ApiRoute("DELETE", "/api/v1/flags/new-ui", "flags", Access.ADMIN),
          new ApiRoute("PUT", "/api/v1/flags/new-ui/overrides/" + ID, "flags", Access.ADMIN),
          new ApiRoute("DELETE", "/api/v1/flags/new-ui/overrides/" + ID, "flags", Access.ADMIN),
          new ApiRoute("GET", "/api/v1/flags/new-ui/audit?page=1", "flags", Access.ADMIN),
          new ApiRoute("GET", "/api/v1/flags/evaluate", "flags", Access.USER),
          new ApiRoute("GET", "/api/v1/ofrep/v1/configuration", "flags", Access.USER),
          new ApiRoute("POST", "/api/v1/ofrep/v1/evaluate/flags/new-ui", "flags", Access.USER),
          new ApiRoute("POST", "/api/v1/ofrep/v1/evaluate/flags", "flags", Access.USER));

  private ApiRoutes() {}
}
