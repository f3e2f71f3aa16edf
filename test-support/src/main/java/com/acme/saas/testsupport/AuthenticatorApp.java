package com.acme.saas.testsupport;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * What an authenticator app does with a TOTP enrolment: takes the secret from the otpauth URI and
 * shows the code of a 30-second time step (RFC 6238 with HMAC-SHA1, six digits). Written apart from
 * auth-service's own code, so a test checks the service against the RFC rather than against itself.
 */
public final class AuthenticatorApp {

  private static final long PERIOD_SECONDS = 30;

  /** Time a test needs between computing a code and the service checking it. */
  private static final long MARGIN_SECONDS = 8;

  private final byte[] secret;
  private final long baseStep;

  private AuthenticatorApp(byte[] secret) {
    this.secret = secret;
    awaitFreshStep();
    this.baseStep = Instant.now().getEpochSecond() / PERIOD_SECONDS;
  }

  /**
   * The app after scanning {@code otpauth://totp/Issuer:email?secret=...}. It waits, when the
   * current step is about to end, for the next one, so that codes relative to "now" stay within the
   * service's window of one step either side for the rest of a short test.
   */
  public static AuthenticatorApp scan(String otpauthUri) {
    URI uri = URI.create(otpauthUri);
    for (String parameter : uri.getRawQuery().split("&")) {
      if (parameter.startsWith("secret=")) {
        return new AuthenticatorApp(new Base32().decode(parameter.substring("secret=".length())));
      }
    }
    throw new AssertionError("no secret in " + otpauthUri);
  }

  /** The code of the step the app was scanned in. */
  public String code() {
    return code(0);
  }

  /**
   * The code {@code steps} steps after (or before, when negative) the one the app was scanned in.
   */
  public String code(int steps) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA1");
      hmac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] digest = hmac.doFinal(ByteBuffer.allocate(8).putLong(baseStep + steps).array());
      int at = digest[19] & 0xf;
      int value =
          ((digest[at] & 0x7f) << 24)
              | ((digest[at + 1] & 0xff) << 16)
              | ((digest[at + 2] & 0xff) << 8)
              | (digest[at + 3] & 0xff);
      return String.format("%06d", value % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitFreshStep() {
    long left = PERIOD_SECONDS - Instant.now().getEpochSecond() % PERIOD_SECONDS;
    if (left <= MARGIN_SECONDS) {
      try {
        Thread.sleep(left * 1000 + 100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
