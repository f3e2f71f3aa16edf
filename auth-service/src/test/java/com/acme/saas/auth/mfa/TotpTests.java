package com.acme.saas.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTests {

  /** RFC 6238 Appendix B's HMAC-SHA1 key: the ASCII digits 1..9, 0, twice (20 bytes). */
  private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  private static final Instant NOW = Instant.ofEpochSecond(1_234_567_890);

  /** RFC 6238 Appendix B, the SHA1 rows: time (s), T (hex), TOTP (8 digits). */
  @ParameterizedTest(name = "t={0}")
  @CsvSource({
    "59,          0000000000000001, 94287082",
    "1111111109,  00000000023523EC, 07081804",
    "1111111111,  00000000023523ED, 14050471",
    "1234567890,  000000000273EF07, 89005924",
    "2000000000,  0000000003F940AA, 69279037",
    "20000000000, 0000000027BC86AA, 65353130"
  })
  void rfc6238TestVectors(long time, String stepHex, String expected) {
    long step = Totp.step(Instant.ofEpochSecond(time));

    assertThat(step).isEqualTo(Long.parseLong(stepHex, 16));
    assertThat(Totp.code(RFC_SEED, step, 8)).isEqualTo(expected);
    // Six digits are the same number modulo 10^6: the vector's last six.
    assertThat(Totp.code(RFC_SEED, step, Totp.DIGITS)).isEqualTo(expected.substring(2));
  }

  @Test
  void theCurrentStepAndOneEitherSideAreAccepted() {
    long current = Totp.step(NOW);

    for (long step = current - 1; step <= current + 1; step++) {
      assertThat(Totp.acceptedStep(RFC_SEED, code(step), NOW, 0)).hasValue(step);
    }
  }

  @Test
  void twoStepsAwayIsRefused() {
    long current = Totp.step(NOW);

    assertThat(Totp.acceptedStep(RFC_SEED, code(current - 2), NOW, 0)).isEmpty();
    assertThat(Totp.acceptedStep(RFC_SEED, code(current + 2), NOW, 0)).isEmpty();
  }

  @Test
  void aCodeOfAnAlreadyUsedStepOrAnEarlierOneIsRefused() {
    long current = Totp.step(NOW);

    assertThat(Totp.acceptedStep(RFC_SEED, code(current), NOW, current)).isEmpty();
    assertThat(Totp.acceptedStep(RFC_SEED, code(current - 1), NOW, current)).isEmpty();
    assertThat(Totp.acceptedStep(RFC_SEED, code(current + 1), NOW, current)).hasValue(current + 1);
  }

  @Test
  void aWrongCodeOrAnotherSecretsCodeIsRefused() {
    String code = code(Totp.step(NOW));
    String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    byte[] otherSecret = "09876543210987654321".getBytes(StandardCharsets.US_ASCII);

    assertThat(Totp.acceptedStep(RFC_SEED, wrong, NOW, 0)).isEmpty();
    assertThat(Totp.acceptedStep(otherSecret, code, NOW, 0)).isEmpty();
  }

  private static String code(long step) {
    return Totp.code(RFC_SEED, step, Totp.DIGITS);
  }
}
