package com.acme.saas.common.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP edge rules of a service ({@code saas.web.*}).
 *
 * @param maxBodySize larger request bodies answer 413 (auth-service sets 64KB)
 */
@ConfigurationProperties("saas.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBodySize) {}
