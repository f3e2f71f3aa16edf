package com.acme.saas.auth.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code signing_keys} table: each key's public JWK, its private half sealed with the
 * key-encryption key ({@link KeyEncryption}, the kid as associated data), and when it signs and
 * expires. Every method joins the caller's transaction.
 */
class SigningKeyStore {

  /** Serialises key changes across replicas (pg_advisory_xact_lock key). */
  private static final long KEY_CHANGE_LOCK = 0x5349474e4b455953L;

  /** A key as loaded: private part opened. */
  record StoredKey(RSAKey key, Instant activatesAt, @Nullable Instant expiresAt) {

    boolean signsAt(Instant now) {
      return !activatesAt.isAfter(now) && (expiresAt == null || expiresAt.isAfter(now));
    }

    boolean publishedAt(Instant now) {
      return expiresAt == null || expiresAt.isAfter(now);
    }
  }

  private final JdbcClient jdbc;
  private final KeyEncryption encryption;

  SigningKeyStore(JdbcClient jdbc, KeyEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  /** Holds the key-change lock until the transaction ends: one replica changes keys at a time. */
  void lockForChange() {
    jdbc.sql("select pg_advisory_xact_lock(:key)")
        .param("key", KEY_CHANGE_LOCK)
        .query()
        .singleRow();
  }

  /** Every key, oldest activation first. */
  List<StoredKey> load() {
    return jdbc.sql("select * from signing_keys order by activates_at").query(this::stored).list();
  }

  void insert(RSAKey key, Instant activatesAt) {
    jdbc.sql(
            """
            insert into signing_keys (kid, public_jwk, private_key, created_at, activates_at)
            values (:kid, :publicJwk, :privateKey, now(), :activatesAt)
            """)
        .param("kid", key.getKeyID())
        .param("publicJwk", key.toPublicJWK().toJSONString())
        .param("privateKey", encryption.seal(privateKeyBytes(key), key.getKeyID()))
        .param("activatesAt", Timestamp.from(activatesAt))
        .update();
  }

  /** Every key that would outlive {@code expiresAt} expires then instead. */
  void expireAllBy(Instant expiresAt) {
    jdbc.sql(
            "update signing_keys set expires_at = :expiresAt where expires_at is null or expires_at > :expiresAt")
        .param("expiresAt", Timestamp.from(expiresAt))
        .update();
  }

  void deleteExpired() {
    jdbc.sql("delete from signing_keys where expires_at < now()").update();
  }

  private static byte[] privateKeyBytes(RSAKey key) {
    try {
      return key.toPrivateKey().getEncoded();
    } catch (JOSEException e) {
      throw new IllegalStateException("Signing key " + key.getKeyID() + " has no private half", e);
    }
  }

  private StoredKey stored(ResultSet row, int rowNumber) throws SQLException {
    String kid = row.getString("kid");
    try {
      RSAKey publicKey = RSAKey.parse(row.getString("public_jwk"));
      byte[] pkcs8 = encryption.open(row.getBytes("private_key"), kid);
      RSAPrivateKey privateKey =
          (RSAPrivateKey)
              KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      Timestamp expiresAt = row.getTimestamp("expires_at");
      return new StoredKey(
          new RSAKey.Builder(publicKey).privateKey(privateKey).build(),
          row.getTimestamp("activates_at").toInstant(),
          expiresAt == null ? null : expiresAt.toInstant());
    } catch (ParseException | GeneralSecurityException e) {
      throw new IllegalStateException("Signing key " + kid + " is unreadable", e);
    }
  }
}
