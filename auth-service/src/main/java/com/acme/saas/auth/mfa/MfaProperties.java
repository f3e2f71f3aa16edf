package com.acme.saas.auth.mfa;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Two-factor login ({@code saas.auth.mfa.*}).
 *
 * @param issuer the name authenticator apps show next to the account (the otpauth URI's issuer)
 * @param challengeTtl how long the second step of a login may wait after the password
 * @param challengeMaxFailures wrong codes after which a challenge is dead and the login starts over
 */
@Validated
@ConfigurationProperties("saas.auth.mfa")
public record MfaProperties(
    @DefaultValue("Acme SaaS") @NotBlank String issuer,
    @DefaultValue("5m") Duration challengeTtl,
    @DefaultValue("5") @Min(1) int challengeMaxFailures) {}
