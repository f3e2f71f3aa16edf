package com.acme.saas.auth.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The mails auth-service sends. Each has three files under {@code classpath:mail/}: {@code
 * <name>.subject.txt}, {@code <name>.txt} and {@code <name>.html}, in which {@code {{var}}} stands
 * for a variable (HTML-escaped in the HTML body). {@code productName} is always set.
 */
public enum MailTemplate {
  VERIFY_EMAIL,
  PASSWORD_RESET,
  PASSWORD_CHANGED;

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{(\\w+)}}");

  /** A rendered mail. */
  public record Rendered(String subject, String text, String html) {}

  private final String subject;
  private final String text;
  private final String html;

  MailTemplate() {
    String file = "mail/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    this.subject = read(file + ".subject.txt").strip();
    this.text = read(file + ".txt");
    this.html = read(file + ".html");
  }

  /**
   * @throws IllegalArgumentException when a variable the template uses is missing
   */
  public Rendered render(Map<String, String> variables) {
    return new Rendered(
        fill(subject, variables, false), fill(text, variables, false), fill(html, variables, true));
  }

  private static String fill(String template, Map<String, String> variables, boolean html) {
    Matcher matcher = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = variables.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException("mail variable " + matcher.group(1) + " is not set");
      }
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String read(String resource) {
    try (InputStream in = MailTemplate.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("mail template " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
