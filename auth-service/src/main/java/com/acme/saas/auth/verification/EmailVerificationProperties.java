package com.acme.saas.auth.verification;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Email verification ({@code saas.auth.verification.*}).
 *
 * @param requiredForLogin whether login refuses an account whose address is not verified (403
 *     EMAIL_NOT_VERIFIED)
 * @param tokenTtl how long a verification link works
 * @param resendLimit verification mails a user may have within {@code resendWindow}, the
 *     registration's included
 * @param resendWindow the span {@code resendLimit} counts over
 */
@Validated
@ConfigurationProperties("saas.auth.verification")
public record EmailVerificationProperties(
    @DefaultValue("false") boolean requiredForLogin,
    @DefaultValue("24h") Duration tokenTtl,
    @DefaultValue("3") @Min(1) int resendLimit,
    @DefaultValue("1h") Duration resendWindow) {}
