package com.acme.saas.flags.evaluation;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The sticky percentage rollout of Unleash's {@code flexibleRollout} with the flag key as group id:
 * a user's bucket is {@code murmur3_x86_32(key + ":" + id, seed 0)} read unsigned, mod 100, and the
 * user is in when the bucket is below the percentage. The bucket never changes for a key and user,
 * so raising the percentage only ever adds users, and a flag moved between this service and Unleash
 * keeps its users.
 */
public final class Rollout {

  private Rollout() {}

  /** The user's bucket for the flag, 0..99. */
  public static int bucket(String flagKey, String targetingKey) {
    byte[] input = (flagKey + ":" + targetingKey).getBytes(StandardCharsets.UTF_8);
    int hash = MurmurHash3.hash32x86(input, 0, input.length, 0);
    return (int) (Integer.toUnsignedLong(hash) % 100);
  }

  public static boolean includes(String flagKey, String targetingKey, int percentage) {
    return bucket(flagKey, targetingKey) < percentage;
  }
}
