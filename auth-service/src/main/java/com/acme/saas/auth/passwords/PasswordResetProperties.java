package com.acme.saas.auth.passwords;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password reset ({@code saas.auth.password-reset.*}); the gateway limits the requests per IP.
 *
 * @param tokenTtl how long a reset link works
 * @param perAddressLimit reset mails one address gets within {@code perAddressWindow}; requests
 *     past it are answered alike and mail nothing
 * @param perAddressWindow the span {@code perAddressLimit} counts over
 */
@Validated
@ConfigurationProperties("saas.auth.password-reset")
public record PasswordResetProperties(
    @DefaultValue("30m") Duration tokenTtl,
    @DefaultValue("3") @Min(1) int perAddressLimit,
    @DefaultValue("1h") Duration perAddressWindow) {}
