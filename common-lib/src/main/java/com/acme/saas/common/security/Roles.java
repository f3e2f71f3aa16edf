package com.acme.saas.common.security;

/** The roles of the suite, as they appear in the {@code role} claim. */
public final class Roles {
  public static final String USER = "USER";
  public static final String ADMIN = "ADMIN";

  private Roles() {}
}
