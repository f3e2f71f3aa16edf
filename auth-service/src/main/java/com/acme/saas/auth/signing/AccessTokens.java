package com.acme.saas.auth.signing;

import com.acme.saas.common.security.TokenProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Issues RS256 access tokens with exactly the claims of the contract, signed by the active key. */
@Component
public class AccessTokens {

  /** A signed token and its lifetime in seconds. */
  public record Issued(String token, long expiresIn) {}

  private final SigningKeys keys;
  private final SigningProperties signing;
  private final TokenProperties tokens;
  private final Clock clock;

  AccessTokens(SigningKeys keys, SigningProperties signing, TokenProperties tokens, Clock clock) {
    this.keys = keys;
    this.signing = signing;
    this.tokens = tokens;
    this.clock = clock;
  }

  public Issued issue(UUID userId, String email, String role) {
    RSAKey key = keys.signingKey();
    Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(tokens.issuer())
            .audience(tokens.audience())
            .subject(userId.toString())
            .claim("role", role)
            .claim("email", email)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(signing.accessTokenTtl())))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(
          "Could not sign an access token with key " + key.getKeyID(), e);
    }
    return new Issued(jwt.serialize(), signing.accessTokenTtl().toSeconds());
  }
}
