package com.acme.saas.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a user sees during a fault: answers with their latency, and polling until the suite
 * recovers.
 */
final class Answers {

  private Answers() {}

  record Timed(HttpApi.Response response, long millis) {}

  static Timed timed(Supplier<HttpApi.Response> request) {
    long start = System.nanoTime();
    var response = request.get();
    return new Timed(response, (System.nanoTime() - start) / 1_000_000);
  }

  /** 503 SERVICE_UNAVAILABLE with a Retry-After of whole seconds, answered within {@code limit}. */
  static void assertUnavailableFast(String what, Timed answer, Duration limit) {
    var response = answer.response();
    assertThat(response.status()).as("%s: %s", what, response).isEqualTo(503);
    assertThat(response.errorCode()).as("%s: %s", what, response).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(response.header("Retry-After"))
        .as("%s: Retry-After", what)
        .isNotNull()
        .containsOnlyDigits();
    assertThat(answer.millis()).as("%s answered in ms", what).isLessThan(limit.toMillis());
  }

  /** Polls until {@code condition} holds; returns how long that took. */
  static long await(String what, Duration deadline, BooleanSupplier condition)
      throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > deadline.toNanos()) {
        throw new AssertionError(what + " did not happen within " + deadline);
      }
      Thread.sleep(250);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Polls until {@code request} answers {@code status}; returns how long that took. */
  static long awaitStatus(
      String what, int status, Duration deadline, Supplier<HttpApi.Response> request)
      throws InterruptedException {
    long start = System.nanoTime();
    HttpApi.Response last = null;
    while (System.nanoTime() - start < deadline.toNanos()) {
      last = request.get();
      if (last.status() == status) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        what + " did not answer " + status + " within " + deadline + "; last answer: " + last);
  }
}
