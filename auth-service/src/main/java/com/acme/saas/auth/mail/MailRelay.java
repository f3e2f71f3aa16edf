package com.acme.saas.auth.mail;

import com.acme.saas.common.queue.RetryQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the queued mails: {@code mail_queue} is a {@link RetryQueue}, so each due mail is rendered
 * and handed to the SMTP server in its own transaction, deleted once the server took it, and kept
 * with its error and retried after a doubling delay (capped at {@code saas.auth.mail.max-backoff})
 * when it did not: an SMTP outage delays mail, never drops it. Log lines name a mail's id and
 * template, never its recipient or a link.
 */
@Component
class MailRelay {

  private static final Logger log = LoggerFactory.getLogger(MailRelay.class);

  private final JavaMailSender sender;
  private final OutgoingMailProperties properties;
  private final RetryQueue<QueuedMail> queue;

  MailRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      JavaMailSender sender,
      OutgoingMailProperties properties,
      MeterRegistry meters) {
    this.sender = sender;
    this.properties = properties;
    this.queue =
        new RetryQueue<>(
            jdbc,
            transactions,
            "mail_queue",
            "id",
            "mail",
            (rs, n) ->
                new QueuedMail(
                    rs.getObject("id", UUID.class),
                    rs.getString("recipient"),
                    MailTemplate.valueOf(rs.getString("template")),
                    MailQueue.variables(rs.getString("variables"))),
            new RetryQueue.Backoff(
                properties.initialBackoff(),
                properties.maxBackoff(),
                properties.alertAfterAttempts()));
    Gauge.builder("auth.mail.pending", queue, RetryQueue::pending)
        .description("Mails queued and not yet accepted by the SMTP server")
        .register(meters);
  }

  @Scheduled(fixedDelayString = "${saas.auth.mail.poll-interval:1s}")
  void sendDue() {
    queue.workDue(this::send);
  }

  Duration backoff(int attempts) {
    return queue.backoff(attempts);
  }

  private void send(QueuedMail mail, int attempt) throws MessagingException {
    sender.send(message(mail));
    log.info("mail.sent mailId={} template={} attempts={}", mail.id(), mail.template(), attempt);
  }

  private MimeMessage message(QueuedMail mail) throws MessagingException {
    Map<String, String> variables = new HashMap<>(mail.variables());
    variables.put("productName", properties.productName());
    MailTemplate.Rendered rendered = mail.template().render(variables);
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
    helper.setFrom(properties.from());
    helper.setTo(mail.recipient());
    helper.setSubject(rendered.subject());
    helper.setText(rendered.text(), rendered.html());
    return message;
  }

  private record QueuedMail(
      UUID id, String recipient, MailTemplate template, Map<String, String> variables) {}
}
