package com.acme.saas.auth.lockout;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-account throttling of failed logins ({@code saas.auth.lockout.*}), on top of the gateway's
 * per-IP limits, which a distributed guesser spreads across addresses.
 *
 * @param maxFailures failures within {@code window} that lock the email
 * @param window the span failures are counted over
 * @param firstLock the first lock's length; each further lock doubles it
 * @param maxLock the longest lock
 * @param forgetAfter a throttle row nobody failed on for this long is deleted (locks start over)
 */
@Validated
@ConfigurationProperties("saas.auth.lockout")
public record LockoutProperties(
    @DefaultValue("10") @Min(1) int maxFailures,
    @DefaultValue("15m") Duration window,
    @DefaultValue("15m") Duration firstLock,
    @DefaultValue("24h") Duration maxLock,
    @DefaultValue("1d") Duration forgetAfter) {}
