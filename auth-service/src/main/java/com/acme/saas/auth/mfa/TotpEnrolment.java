package com.acme.saas.auth.mfa;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.auth.accounts.PasswordHasher;
import com.acme.saas.auth.lockout.LoginThrottle;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turning TOTP on and off. An enrolment stays pending until a first code from the app confirms it,
 * so a secret the user never scanned cannot lock them out; turning it off takes the password and a
 * code, and wrong ones count toward the account's lockout like failed logins.
 */
@Service
class TotpEnrolment {

  /** What the user scans into an authenticator app. */
  record Started(String secret, String otpauthUri) {}

  record Confirmed(List<String> recoveryCodes) {}

  private static final Logger log = LoggerFactory.getLogger(TotpEnrolment.class);
  private static final String INVALID = "Password or code is incorrect";

  private final TotpCredentials credentials;
  private final SecondFactorCodes codes;
  private final Accounts accounts;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final MfaProperties properties;
  private final TransactionTemplate transactions;

  TotpEnrolment(
      TotpCredentials credentials,
      SecondFactorCodes codes,
      Accounts accounts,
      PasswordHasher hasher,
      LoginThrottle throttle,
      MfaProperties properties,
      TransactionTemplate transactions) {
    this.credentials = credentials;
    this.codes = codes;
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.properties = properties;
    this.transactions = transactions;
  }

  /**
   * A new secret, pending until confirmed; starting again replaces a pending one.
   *
   * @throws ApiException CONFLICT when TOTP is already on
   */
  Started start(UUID userId) {
    Account account = account(userId);
    byte[] secret = codes.newSecret();
    if (!credentials.savePending(userId, codes.seal(userId, secret))) {
      throw ApiException.conflict(
          "Two-factor login is already on; turn it off before enrolling again");
    }
    log.info("mfa.totp.enrolment_started userId={}", userId);
    String base32 = SecondFactorCodes.base32(secret);
    return new Started(base32, otpauthUri(account.email(), base32));
  }

  /**
   * Turns TOTP on with a code from the app, and answers the recovery codes, this once.
   *
   * @throws ApiException VALIDATION_ERROR without a pending enrolment or with a wrong code;
   *     CONFLICT when TOTP is already on
   */
  Confirmed confirm(UUID userId, String code) {
    return transactions.execute(
        status -> {
          TotpCredentials.Credential credential =
              credentials
                  .findForUpdate(userId)
                  .orElseThrow(
                      () ->
                          ApiException.validation(
                              "No TOTP enrolment is pending; start one with POST /api/v1/auth/mfa/totp"));
          if (credential.enabled()) {
            throw ApiException.conflict("Two-factor login is already on");
          }
          long step =
              codes
                  .acceptedStep(credential, code)
                  .orElseThrow(
                      () ->
                          ApiException.validation(
                              "The code does not match the authenticator app's current code"));
          credentials.enable(userId, step);
          List<String> recoveryCodes = RecoveryCodes.generate();
          credentials.replaceRecoveryCodes(
              userId, recoveryCodes.stream().map(RecoveryCodes::hash).toList());
          log.info("mfa.totp.enabled userId={}", userId);
          return new Confirmed(recoveryCodes);
        });
  }

  /**
   * Turns TOTP off, with the password and a current code or a recovery code.
   *
   * @throws ApiException CONFLICT when TOTP is not on; INVALID_CREDENTIALS (counted toward the
   *     lockout) for a wrong password or code; ACCOUNT_LOCKED while the account is locked
   */
  void disable(UUID userId, String password, String code) {
    Account account = account(userId);
    if (!credentials.isEnabled(userId)) {
      throw ApiException.conflict("Two-factor login is not on");
    }
    throttle.requireUnlocked(account.email());
    // Hashed outside the transaction, so no connection waits on Argon2.
    if (!hasher.matches(password, account.passwordHash())) {
      throttle.recordFailure(account.email());
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, INVALID);
    }
    boolean disabled =
        transactions.execute(
            status -> {
              TotpCredentials.Credential credential =
                  credentials.findForUpdate(userId).orElse(null);
              if (credential == null || !credential.enabled() || !codes.use(credential, code)) {
                return false;
              }
              credentials.delete(userId);
              return true;
            });
    if (!disabled) {
      throttle.recordFailure(account.email());
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, INVALID);
    }
    log.info("mfa.totp.disabled userId={}", userId);
  }

  private Account account(UUID userId) {
    return accounts
        .find(userId)
        .orElseThrow(
            () -> new ApiException(ErrorCode.TOKEN_INVALID, "The account no longer exists"));
  }

  /**
   * Google Authenticator's key URI format: {@code
   * otpauth://totp/Issuer:email?secret=...&issuer=...}.
   */
  private String otpauthUri(String email, String secret) {
    String issuer = encode(properties.issuer());
    return "otpauth://totp/"
        + issuer
        + ":"
        + encode(email)
        + "?secret="
        + secret
        + "&issuer="
        + issuer
        + "&algorithm=SHA1&digits="
        + Totp.DIGITS
        + "&period="
        + Totp.PERIOD_SECONDS;
  }

  /** Percent-encoding as URIs want it: a space is %20, not the form encoding's +. */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
