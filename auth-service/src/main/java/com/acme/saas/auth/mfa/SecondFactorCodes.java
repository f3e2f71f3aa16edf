package com.acme.saas.auth.mfa;

import com.acme.saas.auth.signing.KeyEncryption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;
import org.springframework.stereotype.Component;

/**
 * The secrets of the TOTP factor and the codes a user types against them: a TOTP code of a time
 * step not used yet, or an unused recovery code.
 */
@Component
class SecondFactorCodes {

  /** 160 bits, the HMAC-SHA1 key length RFC 4226 recommends. */
  private static final int SECRET_BYTES = 20;

  private static final Pattern TOTP_CODE = Pattern.compile("\\d{" + Totp.DIGITS + "}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base32 BASE32 = new Base32();

  private final TotpCredentials credentials;
  private final KeyEncryption encryption;
  private final Clock clock;

  SecondFactorCodes(TotpCredentials credentials, KeyEncryption encryption, Clock clock) {
    this.credentials = credentials;
    this.encryption = encryption;
    this.clock = clock;
  }

  byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return secret;
  }

  /**
   * RFC 4648 base32, as authenticator apps take it; 20 bytes are exactly 32 characters, no padding.
   */
  static String base32(byte[] secret) {
    return BASE32.encodeToString(secret);
  }

  byte[] seal(UUID userId, byte[] secret) {
    return encryption.seal(secret, associatedData(userId));
  }

  /** The step a code for a pending enrolment belongs to, if it is within a step of now. */
  OptionalLong acceptedStep(TotpCredentials.Credential credential, String code) {
    if (!TOTP_CODE.matcher(code).matches()) {
      return OptionalLong.empty();
    }
    long lastUsed = credential.lastUsedStep() == null ? Long.MIN_VALUE : credential.lastUsedStep();
    byte[] secret = encryption.open(credential.sealedSecret(), associatedData(credential.userId()));
    return Totp.acceptedStep(secret, code, clock.instant(), lastUsed);
  }

  /**
   * Checks a code against the credential and uses it up: the step of a TOTP code becomes the last
   * used one, a recovery code is spent. Call it in a transaction that locked the credential.
   */
  boolean use(TotpCredentials.Credential credential, String code) {
    if (TOTP_CODE.matcher(code).matches()) {
      OptionalLong step = acceptedStep(credential, code);
      step.ifPresent(accepted -> credentials.recordUsedStep(credential.userId(), accepted));
      return step.isPresent();
    }
    return credentials.useRecoveryCode(credential.userId(), RecoveryCodes.hash(code));
  }

  /** Binds the sealed secret to its account: moved onto another row, it does not open. */
  private static String associatedData(UUID userId) {
    return "totp:" + userId;
  }
}
