package com.acme.saas.gateway.auth;

import com.acme.saas.common.security.AccessTokenVerifier;
import com.acme.saas.common.security.VerifiedToken;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies each access token once and remembers the result until the token expires, so a client
 * reusing its token costs a map lookup instead of an RS256 check. Bounded; a verification that may
 * fetch the JWKS runs off the event loop.
 */
@Component
final class VerifiedTokenCache {

  private final AccessTokenVerifier verifier;
  private final Cache<String, VerifiedToken> verified;

  VerifiedTokenCache(AccessTokenVerifier verifier, AccessProperties properties) {
    this.verifier = verifier;
    this.verified =
        Caffeine.newBuilder()
            // Housekeeping runs on the event loop that triggers it: handing it to the common pool
            // costs more (a thread wake-up per drain) than the few microseconds of work itself.
            .executor(Runnable::run)
            .maximumSize(properties.tokenCacheSize())
            .expireAfter(
                Expiry.creating((String token, VerifiedToken claims) -> untilExpiry(claims)))
            .build();
  }

  Mono<VerifiedToken> verify(String token) {
    VerifiedToken cached = verified.getIfPresent(token);
    if (cached != null) {
      return Mono.just(cached);
    }
    return Mono.fromCallable(() -> verifier.verify(token))
        .subscribeOn(Schedulers.boundedElastic())
        .doOnNext(claims -> verified.put(token, claims));
  }

  private static Duration untilExpiry(VerifiedToken claims) {
    Duration left = Duration.between(Instant.now(), claims.expiresAt());
    return left.isNegative() ? Duration.ZERO : left;
  }
}
