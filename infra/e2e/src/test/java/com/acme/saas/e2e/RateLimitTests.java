package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway's per-IP login limit: headers on every limited response, then 429 with Retry-After.
 */
class RateLimitTests {

  @Test
  void theEleventhLoginAttemptFromOneAddressIsRateLimited() {
    String ip = Suite.clientIp();
    HttpApi.Response response = null;
    for (int attempt = 1; attempt <= 11; attempt++) {
      response =
          Suite.api()
              .call("POST", "/api/v1/auth/login")
              .header("X-Forwarded-For", ip)
              .json(Map.of("email", "nobody@example.test", "password", "Wrong-password1"))
              .send();
      assertThat(response.header("RateLimit-Policy")).as("attempt %d", attempt).isNotBlank();
      assertThat(response.header("RateLimit")).as("attempt %d", attempt).isNotBlank();
      if (attempt <= 10) {
        assertThat(response.status()).as("attempt %d", attempt).isNotEqualTo(429);
      }
    }
    assertThat(response.status()).isEqualTo(429);
    assertThat(response.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(response.header("Retry-After")).isNotBlank();
  }
}
