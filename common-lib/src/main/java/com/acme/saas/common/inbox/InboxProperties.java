package com.acme.saas.common.inbox;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consumer settings ({@code saas.inbox.*}).
 *
 * @param groupId consumer group; the application name when unset
 * @param maxRetries attempts after the first before a record is dead-lettered
 * @param initialBackoff wait before the first retry, doubled each time up to {@code maxBackoff}
 */
@ConfigurationProperties("saas.inbox")
public record InboxProperties(
    @Nullable String groupId,
    @DefaultValue("3") int maxRetries,
    @DefaultValue("200ms") Duration initialBackoff,
    @DefaultValue("2s") Duration maxBackoff) {}
