package com.acme.saas.gateway.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The role table ({@code saas.gateway.access.*}). Routes needing no token are {@code
 * saas.security.public-paths}; every other routed request needs a valid token and a rule here
 * naming its role. The first matching rule decides; a request no rule matches is refused.
 *
 * @param rules request pattern ({@code "GET,PATCH /api/v1/users/{id}"}) and the roles allowed
 */
@Validated
@ConfigurationProperties("saas.gateway.access")
public record AccessProperties(@NotEmpty List<@Valid Rule> rules) {

  /** Who may send requests matching {@code request}. */
  public record Rule(@NotBlank String request, @NotEmpty List<@NotBlank String> roles) {}
}
