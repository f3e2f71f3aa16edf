package com.acme.saas.auth.signing;

import com.acme.saas.auth.signing.SigningKeyStore.StoredKey;
import com.acme.saas.common.web.ApiException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key policy over {@link SigningKeyStore}: the newest key whose activation time has passed
 * signs; every key that has not expired is published, so a rotated-in key is known to verifiers
 * before it signs and a rotated-out key stays verifiable until its last token expires. Replicas
 * share the table and reread it every {@code reload-interval}.
 */
public class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  /** A verifier accepts a token this long past {@code exp}; the key must outlive that too. */
  private static final Duration VERIFIER_CLOCK_SKEW = Duration.ofMinutes(1);

  /** What a rotation did. */
  public record Rotation(
      String kid,
      Instant activatesAt,
      @Schema(types = {"string", "null"}) @Nullable String previousKid,
      @Schema(
              types = {"string", "null"},
              format = "date-time")
          @Nullable Instant previousExpiresAt) {}

  private final SigningKeyStore store;
  private final TransactionTemplate transactions;
  private final SigningProperties properties;
  private final Clock clock;
  private volatile List<StoredKey> keys = List.of();
  private volatile Instant loadedAt = Instant.EPOCH;

  SigningKeys(
      SigningKeyStore store,
      TransactionTemplate transactions,
      SigningProperties properties,
      Clock clock) {
    this.store = store;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
  }

  /** The key that signs now. */
  public RSAKey signingKey() {
    Instant now = clock.instant();
    return signing(current(now), now)
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

  /** On start (the first, or after every key expired): a key that signs at once. */
  void ensureSigningKey() {
    transactions.executeWithoutResult(
        status -> {
          store.lockForChange();
          Instant now = clock.instant();
          if (signing(store.load(), now).isEmpty()) {
            RSAKey key = generate();
            store.insert(key, now);
            log.info("signing.key.created kid={} reason=no-active-key", key.getKeyID());
          }
        });
    reload();
  }

  /**
   * The rotation an admin asks for: a new key now, published at once and signing after {@code
   * publish-ahead}; the current key expires once the last token it can still sign has expired.
   *
   * @throws ApiException CONFLICT while an earlier rotation is still waiting to activate
   */
  public Rotation rotateNow() {
    Rotation rotation =
        transactions.execute(
            status -> {
              store.lockForChange();
              Instant now = clock.instant();
              List<StoredKey> stored = store.load();
              StoredKey pending = pending(stored, now);
              if (pending != null) {
                throw ApiException.conflict(
                    "Key "
                        + pending.key().getKeyID()
                        + " is already waiting to sign from "
                        + pending.activatesAt());
              }
              return introduce(stored, now);
            });
    reload();
    return Objects.requireNonNull(rotation);
  }

  /**
   * The scheduled rotation: drops expired keys, and introduces a new key as {@link #rotateNow()}
   * does once the newest is older than {@code rotation-interval} and none is waiting to sign.
   */
  @Scheduled(
      initialDelayString = "${saas.auth.signing.rotation-check-interval:1h}",
      fixedDelayString = "${saas.auth.signing.rotation-check-interval:1h}")
  public void rotateIfDue() {
    Rotation rotation =
        transactions.execute(
            status -> {
              store.lockForChange();
              store.deleteExpired();
              Instant now = clock.instant();
              List<StoredKey> stored = store.load();
              Instant newest =
                  stored.stream()
                      .map(StoredKey::activatesAt)
                      .max(Comparator.naturalOrder())
                      .orElse(Instant.EPOCH);
              if (pending(stored, now) != null
                  || newest.plus(properties.rotationInterval()).isAfter(now)) {
                return null;
              }
              return introduce(stored, now);
            });
    reload();
    if (rotation != null) {
      log.info(
          "signing.key.rotated kid={} activatesAt={} reason=scheduled",
          rotation.kid(),
          rotation.activatesAt());
    }
  }

  private Rotation introduce(List<StoredKey> stored, Instant now) {
    Instant activatesAt = now.plus(properties.publishAhead());
    Instant previousExpiresAt =
        activatesAt.plus(properties.accessTokenTtl()).plus(VERIFIER_CLOCK_SKEW);
    StoredKey previous = signing(stored, now).orElse(null);
    store.expireAllBy(previousExpiresAt);
    RSAKey key = generate();
    store.insert(key, activatesAt);
    return new Rotation(
        key.getKeyID(),
        activatesAt,
        previous == null ? null : previous.key().getKeyID(),
        previous == null ? null : previousExpiresAt);
  }

  private static Optional<StoredKey> signing(List<StoredKey> stored, Instant now) {
    return stored.stream()
        .filter(k -> k.signsAt(now))
        .max(Comparator.comparing(StoredKey::activatesAt));
  }

  private static @Nullable StoredKey pending(List<StoredKey> stored, Instant now) {
    return stored.stream().filter(k -> k.activatesAt().isAfter(now)).findFirst().orElse(null);
  }

  private RSAKey generate() {
    try {
      return new RSAKeyGenerator(properties.keySize())
          .keyID(UUID.randomUUID().toString())
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not generate a signing key", e);
    }
  }

  private List<StoredKey> current(Instant now) {
    if (loadedAt.plus(properties.reloadInterval()).isBefore(now)) {
      reload();
    }
    return keys;
  }

  private void reload() {
    keys = store.load();
    loadedAt = clock.instant();
  }
}
