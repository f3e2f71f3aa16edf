package com.acme.saas.common.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * auth-service's keys read from its JWKS URL (see {@link AccessTokenVerifier#remoteKeys}), plus
 * what the cache holds right now: the key set last fetched and when. A verified token served from
 * {@link AccessTokenVerifier}'s cache is checked against that set without any I/O, so a removed key
 * stops being honoured exactly when a fresh verification would stop honouring it: once the cached
 * key set has been refetched without it.
 */
final class RemoteKeys implements JWKSource<SecurityContext> {

  private static final int MAX_JWKS_BYTES = 64 * 1024;

  private record Fetched(JWKSet keys, long atMillis) {}

  private final long ttlMillis;
  private final JWKSource<SecurityContext> source;
  private volatile @Nullable Fetched fetched;

  RemoteKeys(TokenProperties properties) {
    ttlMillis = properties.jwksCacheTtl().toMillis();
    int timeout = (int) properties.jwksTimeout().toMillis();
    try {
      source =
          JWKSourceBuilder.<SecurityContext>create(
                  properties.jwksUri().toURL(),
                  new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES))
              .cache(
                  ttlMillis,
                  timeout,
                  event -> {
                    if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?> completed) {
                      // The cache stamps its entry just before this event, so an entry here never
                      // outlives the cache's own by more than the listener's few microseconds.
                      fetched = new Fetched(completed.getJWKSet(), System.currentTimeMillis());
                    }
                  })
              // Nimbus's own refresh-ahead (30 s before expiry), shortened for a TTL too short
              // to hold it.
              .refreshAheadCache(
                  Math.min(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, ttlMillis / 4), false)
              .rateLimited(properties.jwksMinRefreshInterval().toMillis())
              .outageTolerant(properties.jwksCacheTtl().multipliedBy(12).toMillis())
              .retrying(true)
              .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(
          "saas.security.jwks-uri is not a URL: " + properties.jwksUri(), e);
    }
  }

  @Override
  public List<JWK> get(JWKSelector selector, @Nullable SecurityContext context)
      throws KeySourceException {
    return source.get(selector, context);
  }

  /**
   * Whether every one of {@code keys} is in the key set the cache holds and that set is still
   * within its time to live; {@code false} when unsure, so that the caller verifies in full (which
   * refetches the set when it is due, as before).
   */
  boolean stillPublished(List<JWK> keys) {
    Fetched current = fetched;
    return current != null
        && System.currentTimeMillis() - current.atMillis() < ttlMillis
        && current.keys().getKeys().containsAll(keys);
  }
}
