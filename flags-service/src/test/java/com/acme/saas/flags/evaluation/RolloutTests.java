package com.acme.saas.flags.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sticky rollout. The hash cases are murmur3's published x86_32 test vectors; the rollout cases
 * are Unleash's client specification (10-flexible-rollout-strategy.json), whose groupId is our flag
 * key, so a flag moved from Unleash keeps its users.
 */
class RolloutTests {

  @ParameterizedTest(name = "murmur3_x86_32(\"{0}\", {1}) = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|0x00000000|0x00000000",
        "''|0x00000001|0x514E28B7",
        "''|0xFFFFFFFF|0x81F16F39",
        "abc|0x00000000|0xB3DD93FA",
        "Hello, world!|0x9747B28C|0x24884CBA",
        "The quick brown fox jumps over the lazy dog|0x9747B28C|0x2FA826CD",
      })
  void hashMatchesPublishedVectors(String input, String seed, String expected) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);

    int hash =
        MurmurHash3.hash32x86(
            bytes, 0, bytes.length, Integer.parseUnsignedInt(seed.substring(2), 16));

    assertThat(Integer.toHexString(hash))
        .isEqualTo(Integer.toHexString(Integer.parseUnsignedInt(expected.substring(2), 16)));
  }

  @ParameterizedTest(name = "{0} at {2} % for {1}: {3}")
  @CsvSource({
    "Feature.flexibleRollout.10, 174, 10, true",
    "Feature.flexibleRollout.10, 499, 10, false",
    "Feature.flexibleRollout.userId.55, 25, 55, true",
    "Feature.flexibleRollout.sessionId.42, 147, 42, true",
  })
  void rolloutDecidesAsUnleashDoes(
      String groupId, String userId, int percentage, boolean expected) {
    assertThat(Rollout.includes(groupId, userId, percentage)).isEqualTo(expected);
  }

  @Test
  void zeroPercentIsOffAndHundredIsOnForEveryone() {
    List<String> users =
        IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID().toString()).toList();

    assertThat(users).noneMatch(user -> Rollout.includes("new-ui", user, 0));
    assertThat(users).allMatch(user -> Rollout.includes("new-ui", user, 100));
  }

  @Test
  void aUsersBucketIsStickyAndDiffersBetweenFlags() {
    String user = UUID.randomUUID().toString();
    int bucket = Rollout.bucket("new-ui", user);

    assertThat(IntStream.range(0, 100).map(i -> Rollout.bucket("new-ui", user)))
        .containsOnly(bucket);
    List<Integer> buckets =
        IntStream.range(0, 50).mapToObj(i -> Rollout.bucket("flag-" + i, user)).distinct().toList();
    assertThat(buckets).hasSizeGreaterThan(10);
  }

  @Test
  void raisingThePercentageNeverTurnsAUserOff() {
    List<String> users =
        IntStream.range(0, 2000).mapToObj(i -> UUID.randomUUID().toString()).toList();

    for (int percentage = 0; percentage < 100; percentage++) {
      int lower = percentage;
      assertThat(users)
          .filteredOn(user -> Rollout.includes("checkout-v2", user, lower))
          .allMatch(user -> Rollout.includes("checkout-v2", user, lower + 1));
    }
  }

  @Test
  void aPercentageSelectsAboutThatShareOfUsers() {
    long on =
        IntStream.range(0, 10_000)
            .filter(i -> Rollout.includes("checkout-v2", UUID.randomUUID().toString(), 30))
            .count();

    assertThat(on).isBetween(2_700L, 3_300L);
  }
}
