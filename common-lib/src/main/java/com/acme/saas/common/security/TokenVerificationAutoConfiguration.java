package com.acme.saas.common.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The access-token verifier, for the services and the gateway alike. auth-service, which owns the
 * keys, supplies its own {@link JWKSource}; everyone else reads auth-service's JWKS.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "saas.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TokenProperties.class)
public class TokenVerificationAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  JWKSource<SecurityContext> accessTokenKeys(TokenProperties properties) {
    return AccessTokenVerifier.remoteKeys(properties);
  }

  @Bean
  @ConditionalOnMissingBean
  AccessTokenVerifier accessTokenVerifier(
      JWKSource<SecurityContext> accessTokenKeys, TokenProperties properties) {
    return new AccessTokenVerifier(accessTokenKeys, properties);
  }
}
