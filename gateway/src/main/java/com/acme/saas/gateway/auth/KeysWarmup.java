package com.acme.saas.gateway.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fetches auth-service's keys once the gateway is ready, so the first requests do not pay for the
 * fetch, and a slow first fetch does not make them fail.
 */
@Component
final class KeysWarmup {

  private static final Logger log = LoggerFactory.getLogger(KeysWarmup.class);

  private final JWKSource<SecurityContext> keys;

  KeysWarmup(JWKSource<SecurityContext> keys) {
    this.keys = keys;
  }

  @EventListener(ApplicationReadyEvent.class)
  void fetchKeys() {
    Mono.fromCallable(() -> keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null))
        .subscribeOn(Schedulers.boundedElastic())
        .subscribe(
            fetched -> log.info("jwks.fetched keys={}", fetched.size()),
            error ->
                log.warn(
                    "jwks.unavailable error={}",
                    error instanceof KeySourceException ? error.getMessage() : error.toString()));
  }
}
