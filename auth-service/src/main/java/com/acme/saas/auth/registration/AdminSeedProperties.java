package com.acme.saas.auth.registration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator created at start if absent ({@code saas.auth.admin.*}, env {@code ADMIN_EMAIL}
 * and {@code ADMIN_PASSWORD}). Without an email no admin is seeded; an email without a password
 * stops the service, since only the dev profile has a default password.
 */
@ConfigurationProperties("saas.auth.admin")
public record AdminSeedProperties(@Nullable String email, @Nullable String password) {}
