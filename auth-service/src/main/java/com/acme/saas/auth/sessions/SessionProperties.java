package com.acme.saas.auth.sessions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Refresh-token lifetimes ({@code saas.auth.sessions.*}).
 *
 * @param refreshTokenTtl how long one refresh token may be used
 * @param familyLifetime the absolute end of a sign-in, however often it is refreshed
 * @param purgeInterval how often expired and revoked tokens are deleted
 * @param revokedRetention revoked tokens are kept this long so that their reuse is still reported
 */
@ConfigurationProperties("saas.auth.sessions")
public record SessionProperties(
    @DefaultValue("7d") Duration refreshTokenTtl,
    @DefaultValue("30d") Duration familyLifetime,
    @DefaultValue("1h") Duration purgeInterval,
    @DefaultValue("1d") Duration revokedRetention) {}
