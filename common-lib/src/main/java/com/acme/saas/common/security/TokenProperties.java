package com.acme.saas.common.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How access tokens are verified ({@code saas.security.*}). The JWKS URL, issuer and audience are
 * required: a service without them refuses to start and names the missing setting.
 *
 * @param jwksUri auth-service's JWKS document
 * @param issuer the exact {@code iss} every token must carry
 * @param audience the {@code aud} every token must contain
 * @param clockSkew tolerance on {@code exp}/{@code nbf}
 * @param jwksCacheTtl how long fetched keys are trusted before a background refresh
 * @param jwksMinRefreshInterval an unknown {@code kid} refetches the JWKS at most this often
 * @param jwksTimeout connect and read timeout of a JWKS fetch
 * @param publicPaths request patterns that need no token ({@code "POST /api/v1/auth/login"} or
 *     {@code "/path/**"})
 * @param tokenCacheSize verified tokens remembered (each until it expires), so that a token used
 *     again costs no RSA work; 0 verifies every use in full
 */
@Validated
@ConfigurationProperties("saas.security")
public record TokenProperties(
    @NotNull URI jwksUri,
    @NotBlank String issuer,
    @NotBlank String audience,
    @DefaultValue("30s") Duration clockSkew,
    @DefaultValue("5m") Duration jwksCacheTtl,
    @DefaultValue("30s") Duration jwksMinRefreshInterval,
    @DefaultValue("2s") Duration jwksTimeout,
    @DefaultValue List<String> publicPaths,
    @DefaultValue("10000") @Min(0) long tokenCacheSize) {}
