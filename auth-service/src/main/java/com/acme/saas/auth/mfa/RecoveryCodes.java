package com.acme.saas.auth.mfa;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.codec.binary.Base32;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Single-use codes for a user without the authenticator app: 120 random bits each, written as 24
 * base32 characters in groups of four ({@code ABCD-EFGH-IJKL-MNOP-QRST-UVWX}).
 *
 * <p>They are stored as plain SHA-256, not with a salted password hash: a password hash is slow to
 * make up for the little entropy people choose, but 2^120 random codes cannot be searched through
 * from a leaked hash whatever its speed (ASVS 5.0 allows a plain hash from 112 bits), and an
 * unsalted hash lets login find the code by its hash.
 */
final class RecoveryCodes {

  static final int COUNT = 10;
  private static final int CODE_BYTES = 15;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base32 BASE32 = new Base32();

  private RecoveryCodes() {}

  static List<String> generate() {
    return Stream.generate(RecoveryCodes::generateOne).limit(COUNT).toList();
  }

  /** The hash of a code as a user may type it: any case, with or without the dashes and spaces. */
  static byte[] hash(String code) {
    return DigestUtils.sha256(code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT));
  }

  private static String generateOne() {
    byte[] random = new byte[CODE_BYTES];
    RANDOM.nextBytes(random);
    // 15 bytes are exactly 24 base32 characters: no padding.
    return String.join("-", BASE32.encodeToString(random).split("(?<=\\G.{4})"));
  }
}
