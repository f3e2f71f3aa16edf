package com.acme.saas.common.security;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Spring Security's view of {@link AccessTokenVerifier}: one verification path for every service.
 */
final class VerifierJwtDecoder implements JwtDecoder {

  private final AccessTokenVerifier verifier;

  VerifierJwtDecoder(AccessTokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public Jwt decode(String token) {
    VerifiedToken verified;
    try {
      verified = verifier.verify(token);
    } catch (TokenRejectedException e) {
      // Spring Security keeps the cause, so the entry point can answer the precise code.
      throw new BadJwtException(e.getMessage(), e);
    }
    return Jwt.withTokenValue(token)
        .headers(h -> h.put("alg", "RS256"))
        .subject(verified.userId().toString())
        .claim("role", verified.role())
        .claim("email", verified.email())
        .jti(verified.tokenId())
        .issuedAt(verified.issuedAt())
        .expiresAt(verified.expiresAt())
        .build();
  }
}
