package com.acme.saas.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Access tokens signed like auth-service's (RS256, the contract's claims), and a real HTTP JWKS
 * endpoint that publishes the signing key. Services under test verify these tokens exactly as they
 * verify auth-service's.
 */
public final class TestTokens {

  public static final String ISSUER = "https://auth.test.acme.example";
  public static final String AUDIENCE = "acme-saas";

  private static final RSAKey KEY = generate("test-key-1");
  private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
  private static volatile JWKSet published = new JWKSet(KEY.toPublicJWK());
  private static volatile URI jwksUri;

  private TestTokens() {}

  public static String user(UUID userId) {
    return token(userId, "USER", claims -> {});
  }

  public static String admin(UUID userId) {
    return token(userId, "ADMIN", claims -> {});
  }

  /** A token with the contract's claims, which {@code customize} may change before signing. */
  public static String token(UUID userId, String role, Consumer<JWTClaimsSet.Builder> customize) {
    return sign(KEY, claims(userId, role, customize));
  }

  public static JWTClaimsSet.Builder claims(
      UUID userId, String role, Consumer<JWTClaimsSet.Builder> customize) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(userId.toString())
            .claim("role", role)
            .claim("email", "user-" + userId + "@example.com")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
            .jwtID(UUID.randomUUID().toString());
    customize.accept(claims);
    return claims;
  }

  public static String sign(RSAKey key, JWTClaimsSet.Builder claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static RSAKey signingKey() {
    return KEY;
  }

  public static RSAKey generate(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the published key set, as auth-service's key rotation would. */
  public static void publish(JWKSet keys) {
    published = keys;
  }

  /** Publishes the default key set again. */
  public static void publishDefault() {
    published = new JWKSet(KEY.toPublicJWK());
  }

  public static int jwksFetches() {
    return JWKS_FETCHES.get();
  }

  /** The JWKS endpoint, started on first use on a loopback port. */
  public static synchronized URI jwksUri() {
    if (jwksUri == null) {
      try {
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
            "/.well-known/jwks.json",
            exchange -> {
              JWKS_FETCHES.incrementAndGet();
              byte[] body = published.toString(true).getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().set("Content-Type", "application/json");
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            });
        server.start();
        jwksUri =
            URI.create(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
      } catch (IOException e) {
        throw new IllegalStateException("Could not start the test JWKS endpoint", e);
      }
    }
    return jwksUri;
  }
}
