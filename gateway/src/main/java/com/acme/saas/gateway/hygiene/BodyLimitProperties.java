package com.acme.saas.gateway.hygiene;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request body limits ({@code saas.gateway.body-limit.*}); larger bodies get 413.
 *
 * @param maxSize the limit of every request no override names
 * @param overrides the first override whose request pattern matches applies
 */
@Validated
@ConfigurationProperties("saas.gateway.body-limit")
public record BodyLimitProperties(
    @DefaultValue("1MB") DataSize maxSize, @DefaultValue List<@Valid Override> overrides) {

  /** A different limit for the requests matching {@code request} ({@code "/api/v1/auth/**"}). */
  public record Override(@NotBlank String request, @NotNull DataSize maxSize) {}
}
