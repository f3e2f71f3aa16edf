package com.acme.saas.flags.evaluation;

import com.acme.saas.flags.evaluation.OfrepResponses.FlagEvaluation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The ETag of a bulk evaluation: a digest of its results, so equal results give equal tags on every
 * replica.
 */
final class ResultTag {

  private ResultTag() {}

  static String of(List<FlagEvaluation> flags) {
    MessageDigest digest = sha256();
    for (FlagEvaluation flag : flags) {
      // Keys cannot contain these separators, so distinct result lists never share an input.
      digest.update(
          (flag.key() + "=" + flag.value() + "/" + flag.reason() + "/" + flag.variant() + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
  }

  /** Whether If-None-Match (a list of tags, weak or strong, or {@code *}) names the current tag. */
  static boolean matches(@Nullable String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
