package com.acme.saas.auth.signing;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access tokens and the keys that sign them ({@code saas.auth.signing.*}).
 *
 * @param encryptionKey base64 of the 32-byte AES key that seals the private keys at rest; required
 *     outside the dev profile
 * @param accessTokenTtl lifetime of an access token
 * @param keySize RSA modulus length of new keys
 * @param rotationInterval a key older than this is replaced by the scheduled rotation
 * @param rotationCheckInterval how often the scheduled rotation looks
 * @param publishAhead a new key is in the JWKS this long before it signs, longer than verifiers
 *     cache the JWKS, so no verifier meets a {@code kid} it cannot know
 * @param reloadInterval how often a replica rereads the keys another replica may have rotated
 */
@Validated
@ConfigurationProperties("saas.auth.signing")
public record SigningProperties(
    @Nullable String encryptionKey,
    @DefaultValue("15m") Duration accessTokenTtl,
    @DefaultValue("2048") @Min(2048) int keySize,
    @DefaultValue("30d") Duration rotationInterval,
    @DefaultValue("1h") Duration rotationCheckInterval,
    @DefaultValue("10m") Duration publishAhead,
    @DefaultValue("30s") Duration reloadInterval) {}
