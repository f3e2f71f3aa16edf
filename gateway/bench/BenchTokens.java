import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Writes a JWKS (args[0]/jwks.json) and prints a USER access token signed with its key, valid 2 hours. */
public class BenchTokens {
  public static void main(String[] args) throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key").generate();
    Files.writeString(Path.of(args[0], "jwks.json"), new JWKSet(key.toPublicJWK()).toString());
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("https://auth.bench.acme.example")
            .audience("acme-saas")
            .subject(UUID.randomUUID().toString())
            .claim("role", "USER")
            .claim("email", "bench@example.com")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench-key").build(), claims);
    jwt.sign(new RSASSASigner(key));
    System.out.println(jwt.serialize());
  }
}
