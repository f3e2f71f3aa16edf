package com.acme.saas.auth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PasswordHasherTests {

  private final PasswordHasher hasher =
      new PasswordHasher(new PasswordProperties(19456, 2, 1, 2, Duration.ofSeconds(5)));

  @Test
  void matchesOnlyTheRightPassword() {
    String hash = hasher.hash("Correct-Horse-9");

    assertThat(hasher.matches("Correct-Horse-9", hash)).isTrue();
    assertThat(hasher.matches("correct-horse-9", hash)).isFalse();
    assertThat(hasher.matches("Correct-Horse-9", null))
        .as("no account: a dummy hash runs and fails")
        .isFalse();
  }

  @Test
  void eachHashHasItsOwnSaltAndCarriesItsParameters() {
    assertThat(hasher.hash("Correct-Horse-9"))
        .isNotEqualTo(hasher.hash("Correct-Horse-9"))
        .startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
  }

  @Test
  void onlyWeakerHashesNeedARehash() {
    PasswordHasher stronger =
        new PasswordHasher(new PasswordProperties(32768, 3, 1, 2, Duration.ofSeconds(5)));
    String current = hasher.hash("Correct-Horse-9");

    assertThat(hasher.needsRehash(current)).isFalse();
    assertThat(stronger.needsRehash(current)).isTrue();
  }

  @Test
  void hashesBeyondTheConcurrencyBoundWaitAndThenAre503() throws Exception {
    PasswordHasher oneAtATime =
        new PasswordHasher(new PasswordProperties(19456, 2, 1, 1, Duration.ofMillis(1)));
    Callable<ErrorCode> attempt =
        () -> {
          try {
            oneAtATime.hash("Correct-Horse-9");
            return null;
          } catch (ApiException e) {
            return e.code();
          }
        };

    List<ErrorCode> outcomes;
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      List<Future<ErrorCode>> futures =
          IntStream.range(0, 6).mapToObj(i -> pool.submit(attempt)).toList();
      outcomes = futures.stream().map(PasswordHasherTests::get).toList();
    }

    assertThat(outcomes).contains((ErrorCode) null).contains(ErrorCode.SERVICE_UNAVAILABLE);
  }

  private static ErrorCode get(Future<ErrorCode> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
