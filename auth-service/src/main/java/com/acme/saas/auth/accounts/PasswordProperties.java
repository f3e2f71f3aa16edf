package com.acme.saas.auth.accounts;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Argon2id cost and how many hashes may run at once ({@code saas.auth.password.*}). The floor is
 * OWASP's minimum (19 MiB, 2 iterations, 1 lane); raising a value re-hashes each account at its
 * next successful login.
 *
 * @param memoryKib memory per hash in KiB
 * @param iterations passes over that memory
 * @param parallelism lanes
 * @param maxConcurrentHashes hashes in flight at once; memoryKib times this bounds the heap they
 *     use
 * @param maxWait how long a request waits for a free slot before it is answered 503
 */
@Validated
@ConfigurationProperties("saas.auth.password")
public record PasswordProperties(
    @DefaultValue("19456") @Min(19456) int memoryKib,
    @DefaultValue("2") @Min(2) int iterations,
    @DefaultValue("1") @Min(1) int parallelism,
    @DefaultValue("4") @Min(1) int maxConcurrentHashes,
    @DefaultValue("5s") Duration maxWait) {}
