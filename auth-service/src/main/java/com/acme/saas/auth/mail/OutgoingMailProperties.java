package com.acme.saas.auth.mail;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What auth-service's mails say and how their relay retries ({@code saas.auth.mail.*}); the SMTP
 * server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender, {@code Name <address>} or a bare address
 * @param productName how the mails name the product
 * @param linkBaseUrl the web app's base URL; links are {@code <base>/verify-email?token=…} and
 *     {@code <base>/reset-password?token=…}
 * @param initialBackoff the wait after a mail's first failed attempt; each further failure doubles
 *     it
 * @param maxBackoff the longest wait between two attempts
 * @param alertAfterAttempts from this many failed attempts on, each failure is logged at ERROR
 */
@Validated
@ConfigurationProperties("saas.auth.mail")
public record OutgoingMailProperties(
    @NotBlank String from,
    @NotBlank String productName,
    @NotBlank String linkBaseUrl,
    @DefaultValue("5s") Duration initialBackoff,
    @DefaultValue("10m") Duration maxBackoff,
    @DefaultValue("10") @Min(1) int alertAfterAttempts) {

  /**
   * A link into the web app: the base URL without its trailing slash, then {@code pathAndQuery}.
   */
  public String link(String pathAndQuery) {
    return linkBaseUrl.replaceAll("/+$", "") + pathAndQuery;
  }
}
