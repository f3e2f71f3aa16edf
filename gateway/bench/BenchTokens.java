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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Writes a JWKS (args[0]/jwks.json) and args[1] USER access tokens of as many users, one a line, to
 * args[0]/tokens.txt, signed with its key and valid 2 hours.
 */
public class BenchTokens {
  public static void main(String[] args) throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key").generate();
    Files.writeString(Path.of(args[0], "jwks.json"), new JWKSet(key.toPublicJWK()).toString());
    RSASSASigner signer = new RSASSASigner(key);
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench-key").build();
    Instant now = Instant.now();
    int users = Integer.parseInt(args[1]);
    List<String> tokens = new ArrayList<>(users);
    for (int i = 0; i < users; i++) {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer("https://auth.bench.acme.example")
              .audience("acme-saas")
              .subject(UUID.randomUUID().toString())
              .claim("role", "USER")
              .claim("email", "bench-" + i + "@example.com")
              .issueTime(Date.from(now))
              .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
              .jwtID(UUID.randomUUID().toString())
              .build();
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      tokens.add(jwt.serialize());
    }
    Files.write(Path.of(args[0], "tokens.txt"), tokens);
  }
}
