package com.acme.saas.auth;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a free port, that every auth-service test
 * context sends its mail to; tests read what arrived. It can be stopped and started again on the
 * same port, as an outage would.
 */
public final class TestMailServer {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
  private static @Nullable TestMailServer shared;

  private GreenMail server;
  private final int port;

  private TestMailServer() {
    this.server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    this.port = server.getSmtp().getPort();
  }

  public static synchronized TestMailServer shared() {
    if (shared == null) {
      shared = new TestMailServer();
    }
    return shared;
  }

  public int port() {
    return port;
  }

  /** The outage: the server stops accepting connections (what it received is gone with it). */
  public synchronized void stop() {
    server.stop();
  }

  /** The server is back, on the same port, with an empty store. */
  public synchronized void start() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  /** Every mail that arrived for {@code recipient}, oldest first. */
  public synchronized List<MimeMessage> messagesTo(String recipient) {
    return Arrays.stream(server.getReceivedMessages())
        .filter(message -> isFor(message, recipient))
        .toList();
  }

  /**
   * Waits until {@code recipient} has a mail whose subject contains {@code subject}, and returns
   * the newest.
   */
  public MimeMessage awaitMessage(String recipient, String subject) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                messagesTo(recipient).stream()
                    .filter(m -> subject(m).contains(subject))
                    .reduce((a, b) -> b),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  /**
   * Waits until {@code recipient} has exactly {@code count} mails whose subject contains {@code
   * subject}.
   */
  public List<MimeMessage> awaitMessages(String recipient, String subject, int count) {
    return await()
        .atMost(WAIT)
        .until(
            () -> messagesTo(recipient).stream().filter(m -> subject(m).contains(subject)).toList(),
            list -> list.size() == count);
  }

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The body part of the given type ({@code text/plain} or {@code text/html}). */
  public static String body(MimeMessage message, String type) {
    try {
      String body = find(message, type);
      if (body == null) {
        throw new AssertionError("the mail has no " + type + " part");
      }
      return body;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one-time token of the mail's link. */
  public static String token(MimeMessage message) {
    Matcher matcher = TOKEN.matcher(body(message, "text/plain"));
    if (!matcher.find()) {
      throw new AssertionError("the mail has no link with a token: " + body(message, "text/plain"));
    }
    return matcher.group(1);
  }

  private static @Nullable String find(Part part, String type)
      throws MessagingException, IOException {
    if (part.isMimeType(type)) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = find(child, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static boolean isFor(MimeMessage message, String recipient) {
    try {
      return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .anyMatch(
              address -> ((InternetAddress) address).getAddress().equalsIgnoreCase(recipient));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Points every test context's {@code spring.mail.*} at the shared server. */
  public static final class ContextCustomizerFactory
      implements org.springframework.test.context.ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
        Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
      return new Customizer();
    }
  }

  private record Customizer() implements ContextCustomizer {

    @Override
    public void customizeContext(
        org.springframework.context.ConfigurableApplicationContext context,
        org.springframework.test.context.MergedContextConfiguration mergedConfig) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "testMailServer",
                  Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", shared().port())));
    }
  }
}
