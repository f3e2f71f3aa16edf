package com.acme.saas.gateway.auth;

import com.acme.saas.common.security.AccessTokenVerifier;
import com.acme.saas.common.security.TokenRejectedException;
import com.acme.saas.common.security.VerifiedToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * common-lib's verifier on the event loop: a token it remembers (verified before, checked again
 * except for the signature) costs a map lookup and is answered in place; one it must verify in
 * full, which may fetch the JWKS, is verified off the event loop.
 */
@Component
final class NonBlockingVerifier {

  private final AccessTokenVerifier verifier;

  NonBlockingVerifier(AccessTokenVerifier verifier) {
    this.verifier = verifier;
  }

  Mono<VerifiedToken> verify(String token) {
    VerifiedToken remembered;
    try {
      remembered = verifier.verifyIfRemembered(token);
    } catch (TokenRejectedException e) {
      return Mono.error(e);
    }
    if (remembered != null) {
      return Mono.just(remembered);
    }
    return Mono.fromCallable(() -> verifier.verify(token)).subscribeOn(Schedulers.boundedElastic());
  }
}
