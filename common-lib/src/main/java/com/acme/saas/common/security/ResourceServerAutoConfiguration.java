package com.acme.saas.common.security;

import com.acme.saas.common.web.ErrorResponseWriter;
import com.acme.saas.common.web.WebAutoConfiguration;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service is a resource server (zero trust): it verifies the access token itself, so a
 * request that bypasses the gateway gets no further. Roles are checked declaratively with
 * {@code @PreAuthorize("hasRole('ADMIN')")}.
 */
@AutoConfiguration(after = {TokenVerificationAutoConfiguration.class, WebAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, JwtDecoder.class})
@ConditionalOnBean(AccessTokenVerifier.class)
@EnableMethodSecurity
public class ResourceServerAutoConfiguration {

  // /v3/api-docs is the service's OpenAPI document (springdoc, off with
  // saas.openapi.enabled=false),
  // which the gateway merges; the gateway has no route to it.
  private static final String[] ALWAYS_PUBLIC = {
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/info",
    "/actuator/prometheus",
    "/error",
    "/v3/api-docs"
  };

  @Bean
  @ConditionalOnMissingBean
  JwtDecoder jwtDecoder(AccessTokenVerifier verifier) {
    return new VerifierJwtDecoder(verifier);
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain resourceServerFilterChain(
      HttpSecurity http,
      JwtDecoder jwtDecoder,
      TokenProperties properties,
      ErrorResponseWriter errors) {
    EnvelopeSecurityHandlers handlers = new EnvelopeSecurityHandlers(errors);
    List<RequestMatcher> publicRequests =
        properties.publicPaths().stream().map(ResourceServerAutoConfiguration::matcher).toList();
    return http.csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(ALWAYS_PUBLIC)
                    .permitAll()
                    .requestMatchers(publicRequests.toArray(RequestMatcher[]::new))
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .jwt(
                        jwt ->
                            jwt.decoder(jwtDecoder)
                                .jwtAuthenticationConverter(
                                    token ->
                                        new JwtAuthenticationToken(
                                            token,
                                            List.of(
                                                new SimpleGrantedAuthority(
                                                    "ROLE_" + token.getClaimAsString("role"))),
                                            token.getSubject())))
                    .authenticationEntryPoint(handlers)
                    .accessDeniedHandler(handlers))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
        .build();
  }

  /**
   * A {@link RequestPattern} as Spring Security matches requests: any of its methods, or any
   * method.
   */
  static RequestMatcher matcher(String spec) {
    RequestPattern pattern = RequestPattern.parse(spec);
    String path = pattern.path().getPatternString();
    if (pattern.methods().isEmpty()) {
      return PathPatternRequestMatcher.withDefaults().matcher(path);
    }
    return new OrRequestMatcher(
        pattern.methods().stream()
            .map(
                method ->
                    (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(method, path))
            .toList());
  }

  /**
   * No Micrometer observations of Spring Security's own steps (each filter of the chain, the
   * authentication, the authorization): they cost every request a tree of timers, and spans when
   * sampled, for what the request's own observation ({@code http.server.requests}, with its status)
   * already shows. A service that wants them declares its own settings.
   */
  @Bean
  @ConditionalOnMissingBean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  SecurityErrorAdvice securityErrorAdvice() {
    return new SecurityErrorAdvice();
  }

  @Bean
  WebMvcConfigurer currentUserArgumentResolver() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
      }
    };
  }
}
