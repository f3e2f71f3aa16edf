package com.acme.saas.common.security;

import com.acme.saas.common.web.ErrorCode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies RS256 access tokens against auth-service's keys. Accepts RS256 only (so {@code none} and
 * HMAC tokens fail), never trusts keys named in the token itself ({@code jwk}, {@code jku}, {@code
 * x5u}, {@code x5c}), and requires the configured issuer and audience.
 */
public final class AccessTokenVerifier {

  private static final int MAX_JWKS_BYTES = 64 * 1024;
  private static final Set<String> REQUIRED_CLAIMS =
      Set.of("sub", "role", "email", "iat", "exp", "jti");

  private final DefaultJWTProcessor<SecurityContext> processor;

  public AccessTokenVerifier(JWKSource<SecurityContext> keys, TokenProperties properties) {
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            properties.audience(),
            new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
            REQUIRED_CLAIMS);
    claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * The keys published at the configured JWKS URL: cached, refetched on an unknown {@code kid} at
   * most once per {@code jwksMinRefreshInterval}, and served from cache while the JWKS endpoint is
   * down.
   */
  public static JWKSource<SecurityContext> remoteKeys(TokenProperties properties) {
    int timeout = (int) properties.jwksTimeout().toMillis();
    try {
      return JWKSourceBuilder.<SecurityContext>create(
              properties.jwksUri().toURL(),
              new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES))
          .cache(properties.jwksCacheTtl().toMillis(), timeout)
          .rateLimited(properties.jwksMinRefreshInterval().toMillis())
          .outageTolerant(properties.jwksCacheTtl().multipliedBy(12).toMillis())
          .retrying(true)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(
          "saas.security.jwks-uri is not a URL: " + properties.jwksUri(), e);
    }
  }

  public VerifiedToken verify(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw TokenRejectedException.invalid("Token is malformed");
    }
    rejectEmbeddedKeys(jwt.getHeader());
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (ExpiredJWTException e) {
      throw new TokenRejectedException(ErrorCode.TOKEN_EXPIRED, "Token has expired");
    } catch (BadJOSEException | JOSEException e) {
      throw TokenRejectedException.invalid("Token is invalid");
    }
    try {
      return new VerifiedToken(
          UUID.fromString(claims.getSubject()),
          claims.getStringClaim("role"),
          claims.getStringClaim("email"),
          claims.getJWTID(),
          claims.getIssueTime().toInstant(),
          claims.getExpirationTime().toInstant());
    } catch (ParseException | IllegalArgumentException e) {
      throw TokenRejectedException.invalid("Token claims are invalid");
    }
  }

  private static void rejectEmbeddedKeys(JWSHeader header) {
    if (header.getJWK() != null
        || header.getJWKURL() != null
        || header.getX509CertURL() != null
        || header.getX509CertChain() != null) {
      throw TokenRejectedException.invalid("Token names its own key");
    }
  }
}
