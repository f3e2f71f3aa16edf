package com.acme.saas.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A row that keeps failing waits twice as long after each failure, up to the cap. */
class OutboxBackoffTests {

  final OutboxProperties properties =
      new OutboxProperties(
          Duration.ofSeconds(1),
          200,
          Duration.ofSeconds(10),
          Duration.ofDays(7),
          Duration.ofSeconds(1),
          Duration.ofMinutes(1),
          10);

  @ParameterizedTest
  @CsvSource({"1, PT1S", "2, PT2S", "3, PT4S", "6, PT32S", "7, PT1M", "10, PT1M", "1000, PT1M"})
  void waitAfterFailure(int attempts, Duration wait) {
    assertThat(properties.backoffAfter(attempts)).isEqualTo(wait);
  }
}
