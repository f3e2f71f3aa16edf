package com.acme.saas.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.auth.TestMailServer;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The durable mail queue and its relay, against a real SMTP server. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "saas.auth.mail.from=Acme Test <no-reply@acme.test>",
      "saas.auth.mail.product-name=Acme Test Suite",
      "saas.auth.mail.link-base-url=https://app.acme.test/"
    })
@RealInfrastructure
class MailRelayTests {

  @Autowired JdbcClient jdbc;
  @Autowired MailRelay relay;
  @InjectApi AuthClient auth;
  TestMailServer mail = TestMailServer.shared();

  @Test
  void aQueuedMailArrivesWithTextAndHtmlBodiesFromTheConfiguration() throws Exception {
    String email = AuthClient.newEmail();
    auth.registered(email);

    MimeMessage message = mail.awaitMessage(email, "Confirm your email address");

    assertThat(((InternetAddress) message.getFrom()[0]).getAddress())
        .isEqualTo("no-reply@acme.test");
    assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Acme Test");
    assertThat(message.getSubject()).isEqualTo("Confirm your email address for Acme Test Suite");
    String text = TestMailServer.body(message, "text/plain");
    String html = TestMailServer.body(message, "text/html");
    String token = TestMailServer.token(message);
    assertThat(text)
        .contains("Hello Ada Lovelace")
        .contains("https://app.acme.test/verify-email?token=" + token);
    assertThat(html)
        .contains("<a href=\"https://app.acme.test/verify-email?token=" + token + "\">");
    // the row goes when the relay's transaction commits, just after the server took the mail
    await().atMost(Duration.ofSeconds(5)).until(() -> queued(email) == 0);
  }

  @Test
  void theResetMailAndThePasswordChangedNoticeComeFromTheConfigurationToo() throws Exception {
    String email = AuthClient.newEmail();
    auth.registered(email);
    auth.http().post("/api/v1/auth/password-reset", null, Map.of("email", email));

    MimeMessage reset = mail.awaitMessage(email, "Reset your");
    String token = TestMailServer.token(reset);
    assertThat(reset.getSubject()).isEqualTo("Reset your Acme Test Suite password");
    assertThat(reset.getFrom())
        .containsExactly(new InternetAddress("Acme Test <no-reply@acme.test>"));
    assertThat(TestMailServer.body(reset, "text/plain"))
        .contains("your Acme Test Suite account")
        .contains("https://app.acme.test/reset-password?token=" + token);
    assertThat(TestMailServer.body(reset, "text/html"))
        .contains("your Acme Test Suite account")
        .contains("<a href=\"https://app.acme.test/reset-password?token=" + token + "\">");

    auth.http()
        .post(
            "/api/v1/auth/password-reset/confirm",
            null,
            Map.of("token", token, "newPassword", "Brand-New-Staple-7"));

    MimeMessage notice = mail.awaitMessage(email, "password was changed");
    assertThat(notice.getSubject()).isEqualTo("Your Acme Test Suite password was changed");
    assertThat(notice.getFrom())
        .containsExactly(new InternetAddress("Acme Test <no-reply@acme.test>"));
    assertThat(TestMailServer.body(notice, "text/plain")).contains("your Acme Test Suite account");
    assertThat(TestMailServer.body(notice, "text/html")).contains("your Acme Test Suite account");
  }

  @Test
  void anSmtpOutageDelaysMailAndEachIsSentOnceAfterwards() {
    List<String> recipients =
        List.of(AuthClient.newEmail(), AuthClient.newEmail(), AuthClient.newEmail());
    mail.stop();
    try {
      recipients.forEach(auth::registered);
      // every mail was tried, failed and waits with its error
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> recipients.stream().allMatch(r -> failedAttempts(r) >= 2));
    } finally {
      mail.start();
    }

    for (String recipient : recipients) {
      mail.awaitMessages(recipient, "Confirm your email address", 1);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> recipients.stream().allMatch(r -> queued(r) == 0));
    // a few more relay rounds send nothing twice
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    for (String recipient : recipients) {
      assertThat(mail.messagesTo(recipient)).as(recipient).hasSize(1);
    }
  }

  @Test
  void theWaitBetweenAttemptsDoublesUpToTheCap() {
    // initial-backoff 200ms, max-backoff 1s in the test configuration
    assertThat(relay.backoff(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(relay.backoff(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(relay.backoff(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(relay.backoff(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(relay.backoff(40)).isEqualTo(Duration.ofSeconds(1));
  }

  private int queued(String recipient) {
    return jdbc.sql("select count(*) from mail_queue where recipient = :r")
        .param("r", recipient)
        .query(Integer.class)
        .single();
  }

  private int failedAttempts(String recipient) {
    return jdbc.sql(
            "select coalesce(max(attempts), 0) from mail_queue where recipient = :r and last_error is not null")
        .param("r", recipient)
        .query(Integer.class)
        .single();
  }
}
