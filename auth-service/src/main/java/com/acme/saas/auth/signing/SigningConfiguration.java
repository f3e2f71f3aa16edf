package com.acme.saas.auth.signing;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

  @Bean
  KeyEncryption keyEncryption(SigningProperties properties, Environment environment) {
    return KeyEncryption.fromSetting(
        properties.encryptionKey(), environment.acceptsProfiles(Profiles.of("dev")));
  }

  @Bean
  SigningKeyStore signingKeyStore(JdbcClient jdbc, KeyEncryption encryption) {
    return new SigningKeyStore(jdbc, encryption);
  }

  /** Made sure of a key that signs before anything can ask for one. */
  @Bean
  SigningKeys signingKeys(
      SigningKeyStore store,
      TransactionTemplate transactions,
      SigningProperties properties,
      Clock clock) {
    SigningKeys keys = new SigningKeys(store, transactions, properties, clock);
    keys.ensureSigningKey();
    return keys;
  }

  /**
   * auth-service verifies access tokens (logout, key rotation) against its own keys directly rather
   * than over HTTP from itself; common-lib's verifier takes this source.
   */
  @Bean
  JWKSource<SecurityContext> accessTokenKeys(SigningKeys keys) {
    return (selector, context) -> selector.select(keys.publicKeys());
  }
}
