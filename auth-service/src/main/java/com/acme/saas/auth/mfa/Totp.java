package com.acme.saas.auth.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps compute them: HMAC-SHA1 over the
 * 30-second time step (HOTP, RFC 4226), six digits.
 */
final class Totp {

  static final int PERIOD_SECONDS = 30;
  static final int DIGITS = 6;

  /** Steps either side of the current one that still count, for clock drift and typing time. */
  private static final int WINDOW = 1;

  private Totp() {}

  static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
  }

  /**
   * The code of a time step: RFC 4226's dynamic truncation of HMAC-SHA1(secret, step), {@code
   * digits} long.
   */
  static String code(byte[] secret, long step, int digits) {
    byte[] hmac;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      hmac = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is unavailable", e);
    }
    int offset = hmac[hmac.length - 1] & 0x0f;
    int binary = ByteBuffer.wrap(hmac, offset, Integer.BYTES).getInt() & 0x7fffffff;
    return String.format("%0" + digits + "d", binary % (int) Math.pow(10, digits));
  }

  /**
   * The time step, within one step of {@code now}, whose code {@code code} is, if that step is
   * later than {@code lastUsedStep}: a code is accepted once, and never after a later one.
   */
  static OptionalLong acceptedStep(byte[] secret, String code, Instant now, long lastUsedStep) {
    byte[] given = code.getBytes(StandardCharsets.US_ASCII);
    long current = step(now);
    OptionalLong accepted = OptionalLong.empty();
    // Every step of the window is compared, in constant time, so timing does not tell which
    // matched.
    for (long step = current - WINDOW; step <= current + WINDOW; step++) {
      boolean matches =
          MessageDigest.isEqual(
              given, code(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII));
      if (matches && step > lastUsedStep && accepted.isEmpty()) {
        accepted = OptionalLong.of(step);
      }
    }
    return accepted;
  }
}
