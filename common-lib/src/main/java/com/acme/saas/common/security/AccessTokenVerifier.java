package com.acme.saas.common.security;

import com.acme.saas.common.web.ErrorCode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Verifies RS256 access tokens against auth-service's keys. Accepts RS256 only (so {@code none} and
 * HMAC tokens fail), never trusts keys named in the token itself ({@code jwk}, {@code jku}, {@code
 * x5u}, {@code x5c}), and requires the configured issuer and audience.
 *
 * <p>A token whose signature was verified is remembered (the whole token string is the key, so a
 * token differing in any byte, its signature included, is verified afresh), bounded in number and
 * never past the token's {@code exp}. Only the RSA work is saved: every use of a remembered token
 * still checks its header type, {@code exp} and {@code nbf} against the clock, issuer, audience and
 * required claims, and that the key which verified it is still in the key set the verifier would
 * use now.
 */
public final class AccessTokenVerifier {

  private static final Set<String> REQUIRED_CLAIMS =
      Set.of("sub", "role", "email", "iat", "exp", "jti");

  /** A token whose signature checked out, and what it took. */
  private record Verified(
      JWSHeader header, JWTClaimsSet claims, List<JWK> keys, VerifiedToken token) {}

  /** Carries the keys the processor selected for one token out of {@link #verifySignature}. */
  private static final class Selection implements SecurityContext {
    List<JWK> keys = List.of();
  }

  private final JWKSource<SecurityContext> keys;
  private final DefaultJWTProcessor<SecurityContext> processor;
  private final JOSEObjectTypeVerifier<SecurityContext> typeVerifier;
  private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
  private final Clock clock;
  private final Cache<String, Verified> verified;
  private final AtomicLong signatureChecks = new AtomicLong();

  public AccessTokenVerifier(JWKSource<SecurityContext> keys, TokenProperties properties) {
    this(keys, properties, Clock.systemUTC());
  }

  AccessTokenVerifier(JWKSource<SecurityContext> keys, TokenProperties properties, Clock clock) {
    this.keys = keys;
    this.clock = clock;
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, recordingSelection(keys)));
    typeVerifier = processor.getJWSTypeVerifier();
    claimsVerifier =
        new DefaultJWTClaimsVerifier<>(
            properties.audience(),
            new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
            REQUIRED_CLAIMS) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claimsVerifier.setMaxClockSkew((int) properties.clockSkew().toSeconds());
    processor.setJWTClaimsSetVerifier(claimsVerifier);
    verified =
        Caffeine.newBuilder()
            // Housekeeping runs on the caller's thread (the gateway's event loop included):
            // handing it to the common pool costs a thread wake-up per drain, more than the work.
            .executor(Runnable::run)
            .maximumSize(properties.tokenCacheSize())
            .expireAfter(
                Expiry.creating((String token, Verified entry) -> untilExpiry(entry.token())))
            .build();
  }

  /**
   * The keys published at the configured JWKS URL: cached, refetched on an unknown {@code kid} at
   * most once per {@code jwksMinRefreshInterval}, and served from cache while the JWKS endpoint is
   * down.
   */
  public static JWKSource<SecurityContext> remoteKeys(TokenProperties properties) {
    return new RemoteKeys(properties);
  }

  /**
   * @throws TokenRejectedException with {@code TOKEN_EXPIRED} or {@code TOKEN_INVALID}
   */
  public VerifiedToken verify(String token) {
    Verified known = remembered(token);
    if (known == null) {
      known = verifySignature(token);
      verified.put(token, known);
    }
    return checked(known);
  }

  /**
   * The token if it was verified before and passes every check but the signature now; {@code null}
   * if it needs {@link #verify}, which may fetch keys. With the remote keys this does no I/O, so
   * the gateway calls it on its event loop.
   *
   * @throws TokenRejectedException when a remembered token fails a check
   */
  public @Nullable VerifiedToken verifyIfRemembered(String token) {
    Verified known = remembered(token);
    return known == null ? null : checked(known);
  }

  /** How many tokens needed an RSA check so far (what the cache saves is everything else). */
  long signatureChecks() {
    return signatureChecks.get();
  }

  /** How many verified tokens are remembered now. */
  long rememberedTokens() {
    verified.cleanUp();
    return verified.estimatedSize();
  }

  private @Nullable Verified remembered(String token) {
    Verified known = verified.getIfPresent(token);
    if (known == null || !keysStillPublished(known)) {
      return null;
    }
    return known;
  }

  private boolean keysStillPublished(Verified known) {
    if (keys instanceof RemoteKeys remote) {
      return remote.stillPublished(known.keys());
    }
    // A key source of the service's own (auth-service's signing keys) is local: ask it again.
    try {
      return keys.get(new JWKSelector(JWKMatcher.forJWSHeader(known.header())), null)
          .containsAll(known.keys());
    } catch (JOSEException e) {
      return false;
    }
  }

  private Verified verifySignature(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw TokenRejectedException.invalid("Token is malformed");
    }
    rejectEmbeddedKeys(jwt.getHeader());
    Selection selection = new Selection();
    JWTClaimsSet claims;
    try {
      signatureChecks.incrementAndGet();
      claims = processor.process(jwt, selection);
    } catch (ExpiredJWTException e) {
      throw new TokenRejectedException(ErrorCode.TOKEN_EXPIRED, "Token has expired");
    } catch (BadJOSEException | JOSEException e) {
      throw TokenRejectedException.invalid("Token is invalid");
    }
    try {
      return new Verified(
          jwt.getHeader(),
          claims,
          selection.keys,
          new VerifiedToken(
              UUID.fromString(claims.getSubject()),
              claims.getStringClaim("role"),
              claims.getStringClaim("email"),
              claims.getJWTID(),
              claims.getIssueTime().toInstant(),
              claims.getExpirationTime().toInstant()));
    } catch (ParseException | IllegalArgumentException e) {
      throw TokenRejectedException.invalid("Token claims are invalid");
    }
  }

  /** Everything {@link #verifySignature} checks except the signature, against the clock of now. */
  private VerifiedToken checked(Verified known) {
    try {
      typeVerifier.verify(known.header().getType(), null);
      claimsVerifier.verify(known.claims(), null);
    } catch (ExpiredJWTException e) {
      throw new TokenRejectedException(ErrorCode.TOKEN_EXPIRED, "Token has expired");
    } catch (BadJOSEException e) {
      throw TokenRejectedException.invalid("Token is invalid");
    }
    return known.token();
  }

  private Duration untilExpiry(VerifiedToken token) {
    Duration left = Duration.between(clock.instant(), token.expiresAt());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The key source, noting which keys it offered for the token being verified. */
  private static JWKSource<SecurityContext> recordingSelection(JWKSource<SecurityContext> keys) {
    return (selector, context) -> {
      List<JWK> selected = keys.get(selector, context);
      if (context instanceof Selection selection) {
        selection.keys = List.copyOf(selected);
      }
      return selected;
    };
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
