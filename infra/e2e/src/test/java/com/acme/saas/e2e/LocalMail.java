package com.acme.saas.e2e;

import static org.awaitility.Awaitility.await;

import com.acme.saas.testsupport.HttpApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The local stack's SMTP server (GreenMail, which infra/dev/up runs), read through its web API on
 * MAIL_API_PORT: every mail auth-service sent, by recipient.
 */
final class LocalMail {

  private static final HttpApi API =
      new HttpApi("http://127.0.0.1:" + Suite.setting("MAIL_API_PORT", "8095"));
  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

  /** One received mail: its subject and its whole MIME source. */
  record Mail(String subject, String source) {

    /** The one-time token of the mail's link. */
    String token() {
      Matcher matcher =
          TOKEN.matcher(source.replace("=\r\n", "").replace("=\n", "").replace("=3D", "="));
      if (!matcher.find()) {
        throw new AssertionError("no link with a token in the mail: " + source);
      }
      return matcher.group(1);
    }
  }

  private LocalMail() {}

  static List<Mail> to(String address) {
    HttpApi.Response response =
        API.get(
            "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/", null);
    if (response.status() == 404 || response.status() == 400) {
      return List.of();
    }
    if (response.status() != 200) {
      throw new AssertionError("the local SMTP server's web API answered " + response);
    }
    List<Mail> mails = new ArrayList<>();
    for (JsonNode message : response.json()) {
      mails.add(
          new Mail(message.path("subject").asString(), message.path("mimeMessage").asString()));
    }
    return mails;
  }

  /** Waits for the newest mail to {@code address} whose subject contains {@code subject}. */
  static Mail awaitMail(String address, String subject) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                to(address).stream().filter(m -> m.subject().contains(subject)).reduce((a, b) -> b),
            java.util.Optional::isPresent)
        .orElseThrow();
  }
}
