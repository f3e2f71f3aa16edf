package com.acme.saas.auth.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals secrets at rest with AES-256-GCM under the key-encryption key (KEK): the private signing
 * keys and the TOTP secrets. The row's id (a key id, a user id) is bound as associated data, so a
 * sealed value cannot be swapped onto another row.
 */
public final class KeyEncryption {

  static final String SETTING = "saas.auth.signing.encryption-key (env AUTH_KEY_ENCRYPTION_KEY)";
  private static final Logger log = LoggerFactory.getLogger(KeyEncryption.class);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  private KeyEncryption(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * The configured KEK. Outside the dev profile a missing or malformed one stops the service; in
   * dev a fixed, publicly known key stands in, so nothing sealed with it is secret.
   */
  static KeyEncryption fromSetting(@Nullable String base64Key, boolean devProfile) {
    if (base64Key == null || base64Key.isBlank()) {
      if (!devProfile) {
        throw new IllegalStateException(
            SETTING
                + " is required outside the dev profile: a base64-encoded random 32-byte key"
                + " (e.g. `openssl rand -base64 32`)");
      }
      log.warn(
          "signing.kek_dev_only setting={} reason=unset: private keys are sealed with a public dev key",
          SETTING);
      return new KeyEncryption(sha256("acme-saas dev-only key-encryption key"));
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64Key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(SETTING + " is not valid base64");
    }
    if (decoded.length != 32) {
      throw new IllegalStateException(
          SETTING + " must decode to 32 bytes (AES-256), not " + decoded.length);
    }
    return new KeyEncryption(decoded);
  }

  public byte[] seal(byte[] plaintext, String kid) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not seal " + kid, e);
    }
  }

  public byte[] open(byte[] sealed, String kid) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Sealed "
              + kid
              + " cannot be opened with the configured "
              + SETTING
              + ": the key-encryption key differs from the one that sealed it");
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
