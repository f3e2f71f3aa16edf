package com.acme.saas.auth.signing;

import com.acme.saas.common.web.ApiException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.swagger.v3.oas.annotations.media.Schema;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 keys in the {@code signing_keys} table. The newest key whose activation time has passed
 * signs; every key that has not expired is published, so a rotated-in key is known to verifiers
 * before it signs and a rotated-out key stays verifiable until its last token expires. Replicas
 * share the table and reread it every {@code reload-interval}.
 */
public class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  /** Serialises key changes across replicas (pg_advisory_xact_lock key). */
  private static final long ROTATION_LOCK = 0x5349474e4b455953L;

  /** A verifier accepts a token this long past {@code exp}; the key must outlive that too. */
  private static final Duration VERIFIER_CLOCK_SKEW = Duration.ofMinutes(1);

  /** A key as loaded: private part opened. */
  record StoredKey(RSAKey key, Instant activatesAt, @Nullable Instant expiresAt) {

    boolean signsAt(Instant now) {
      return !activatesAt.isAfter(now) && (expiresAt == null || expiresAt.isAfter(now));
    }

    boolean publishedAt(Instant now) {
      return expiresAt == null || expiresAt.isAfter(now);
    }
  }

  /** What an on-demand rotation did. */
  public record Rotation(
      String kid,
      Instant activatesAt,
      @Schema(types = {"string", "null"}) @Nullable String previousKid,
      @Schema(
              types = {"string", "null"},
              format = "date-time")
          @Nullable Instant previousExpiresAt) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final KeyEncryption encryption;
  private final SigningProperties properties;
  private final Clock clock;
  private volatile List<StoredKey> keys = List.of();
  private volatile Instant loadedAt = Instant.EPOCH;

  SigningKeys(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KeyEncryption encryption,
      SigningProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.encryption = encryption;
    this.properties = properties;
    this.clock = clock;
    ensureSigningKey();
  }

  /** The key that signs now. */
  public RSAKey signingKey() {
    Instant now = clock.instant();
    List<StoredKey> current = current(now);
    return current.stream()
        .filter(k -> k.signsAt(now))
        .max(Comparator.comparing(StoredKey::activatesAt))
        .map(StoredKey::key)
        .orElseThrow(() -> new IllegalStateException("No signing key is active"));
  }

  /** The public halves of every key a valid token may name, including one about to sign. */
  public JWKSet publicKeys() {
    Instant now = clock.instant();
    List<JWK> published =
        current(now).stream()
            .filter(k -> k.publishedAt(now))
            .map(k -> (JWK) k.key().toPublicJWK())
            .toList();
    return new JWKSet(published);
  }

  /**
   * Introduces a new key now: published at once, signing after {@code publish-ahead}; the current
   * key expires once the last token it can still sign has expired.
   *
   * @throws ApiException CONFLICT while an earlier rotation is still waiting to activate
   */
  public Rotation rotate() {
    return Objects.requireNonNull(rotate(false));
  }

  /** The scheduled rotation: replaces the signing key once it is older than rotation-interval. */
  @Scheduled(
      initialDelayString = "${saas.auth.signing.rotation-check-interval:1h}",
      fixedDelayString = "${saas.auth.signing.rotation-check-interval:1h}")
  public void rotateIfDue() {
    jdbc.sql("delete from signing_keys where expires_at < now()").update();
    Rotation rotation = rotate(true);
    if (rotation != null) {
      log.info(
          "signing.key.rotated kid={} activatesAt={} reason=scheduled",
          rotation.kid(),
          rotation.activatesAt());
    }
  }

  /** Under the rotation lock, so two replicas never both introduce a key. */
  private @Nullable Rotation rotate(boolean onlyIfDue) {
    Rotation rotation =
        transactions.execute(
            status -> {
              lock();
              Instant now = clock.instant();
              List<StoredKey> stored = load();
              StoredKey pending =
                  stored.stream()
                      .filter(k -> k.activatesAt().isAfter(now))
                      .findFirst()
                      .orElse(null);
              if (pending != null) {
                if (onlyIfDue) {
                  return null;
                }
                throw ApiException.conflict(
                    "Key "
                        + pending.key().getKeyID()
                        + " is already waiting to sign from "
                        + pending.activatesAt());
              }
              Instant newest =
                  stored.stream()
                      .map(StoredKey::activatesAt)
                      .max(Comparator.naturalOrder())
                      .orElse(Instant.EPOCH);
              if (onlyIfDue && newest.plus(properties.rotationInterval()).isAfter(now)) {
                return null;
              }
              return introduce(stored, now);
            });
    reload();
    return rotation;
  }

  private Rotation introduce(List<StoredKey> stored, Instant now) {
    Instant activatesAt = now.plus(properties.publishAhead());
    Instant previousExpiresAt =
        activatesAt.plus(properties.accessTokenTtl()).plus(VERIFIER_CLOCK_SKEW);
    StoredKey previous =
        stored.stream()
            .filter(k -> k.signsAt(now))
            .max(Comparator.comparing(StoredKey::activatesAt))
            .orElse(null);
    jdbc.sql(
            "update signing_keys set expires_at = :expiresAt where expires_at is null or expires_at > :expiresAt")
        .param("expiresAt", Timestamp.from(previousExpiresAt))
        .update();
    String kid = insert(activatesAt);
    return new Rotation(
        kid,
        activatesAt,
        previous == null ? null : previous.key().getKeyID(),
        previous == null ? null : previousExpiresAt);
  }

  /** On first start (or after every key expired): a key that signs at once. */
  private void ensureSigningKey() {
    transactions.executeWithoutResult(
        status -> {
          lock();
          Instant now = clock.instant();
          if (load().stream().noneMatch(k -> k.signsAt(now))) {
            String kid = insert(now);
            log.info("signing.key.created kid={} reason=no-active-key", kid);
          }
        });
    reload();
  }

  private String insert(Instant activatesAt) {
    RSAKey key;
    try {
      key =
          new RSAKeyGenerator(properties.keySize())
              .keyID(UUID.randomUUID().toString())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
      jdbc.sql(
              """
              insert into signing_keys (kid, public_jwk, private_key, created_at, activates_at)
              values (:kid, :publicJwk, :privateKey, now(), :activatesAt)
              """)
          .param("kid", key.getKeyID())
          .param("publicJwk", key.toPublicJWK().toJSONString())
          .param("privateKey", encryption.seal(key.toPrivateKey().getEncoded(), key.getKeyID()))
          .param("activatesAt", Timestamp.from(activatesAt))
          .update();
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not generate a signing key", e);
    }
    return key.getKeyID();
  }

  private List<StoredKey> current(Instant now) {
    if (loadedAt.plus(properties.reloadInterval()).isBefore(now)) {
      reload();
    }
    return keys;
  }

  private void reload() {
    keys = load();
    loadedAt = clock.instant();
  }

  private List<StoredKey> load() {
    return jdbc.sql("select * from signing_keys order by activates_at").query(this::stored).list();
  }

  private void lock() {
    jdbc.sql("select pg_advisory_xact_lock(:key)")
        .param("key", ROTATION_LOCK)
        .query(Object.class)
        .single();
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
