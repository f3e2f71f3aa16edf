package com.acme.saas.auth.accounts;

import org.jspecify.annotations.Nullable;

/**
 * The password rules of the contract: 8..128 characters with an upper-case letter, a lower-case
 * letter and a digit, and not one of the most common passwords.
 */
public final class PasswordPolicy {

  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 128;

  private PasswordPolicy() {}

  /** The rule the password breaks, in words for the client, or {@code null} if it is acceptable. */
  public static @Nullable String problem(@Nullable String password) {
    if (password == null || password.isEmpty()) {
      return "must not be blank";
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long";
    }
    if (password.chars().noneMatch(Character::isUpperCase)
        || password.chars().noneMatch(Character::isLowerCase)
        || password.chars().noneMatch(Character::isDigit)) {
      return "must contain an upper-case letter, a lower-case letter and a digit";
    }
    if (CommonPasswords.contains(password)) {
      return "is one of the 10,000 most common passwords; choose another";
    }
    return null;
  }
}
