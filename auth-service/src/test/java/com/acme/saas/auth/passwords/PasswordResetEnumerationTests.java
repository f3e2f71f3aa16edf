package com.acme.saas.auth.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.auth.TestMailServer;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reset request tells nothing about the address, by its answer or its time: the request only
 * records the address, and the worker that looks it up runs later, off the request path. The worker
 * is held back here (it runs at start, then after an hour) so the tests see what the request alone
 * did, and call it themselves.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "saas.auth.password-reset.poll-interval=1h")
@RealInfrastructure
class PasswordResetEnumerationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordReset reset;
  AuthClient auth;
  TestMailServer mail = TestMailServer.shared();
  String known;
  String unknown;

  @BeforeEach
  void setUp() {
    auth = new AuthClient(port);
    known = AuthClient.newEmail();
    unknown = AuthClient.newEmail();
    auth.registered(known);
  }

  @Test
  void aKnownAndAnUnknownAddressLeaveTheSameTraceUntilTheWorkerTakesThem() {
    HttpApi.Response forKnown = requestReset(known);
    HttpApi.Response forUnknown = requestReset(unknown);

    assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(202);
    assertThat(forUnknown.text()).isEqualTo(forKnown.text());
    assertThat(recordedRequests(known)).isOne();
    assertThat(recordedRequests(unknown)).isOne();
    assertThat(resetTokensOf(known)).as("no token is issued on the request path").isZero();
    assertThat(queuedResetMailsTo(known)).as("no mail is queued on the request path").isZero();

    reset.takeRequests();

    assertThat(recordedRequests(known) + recordedRequests(unknown)).isZero();
    assertThat(TestMailServer.token(mail.awaitMessage(known, PasswordResetTests.RESET_SUBJECT)))
        .isNotBlank();
    assertThat(mail.messagesTo(unknown)).isEmpty();
  }

  @Test
  void aKnownAndAnUnknownAddressAreAnsweredInComparableTime() {
    for (int i = 0; i < 5; i++) {
      requestReset(known);
      requestReset(unknown);
    }
    List<Long> knownMillis = new ArrayList<>();
    List<Long> unknownMillis = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      knownMillis.add(timed(known));
      unknownMillis.add(timed(unknown));
    }

    // Looking the account up, issuing a token and queueing its mail happen in the worker; hashing
    // or mailing on the request path would show here as tens of milliseconds more for the known.
    assertThat(Math.abs(median(knownMillis) - median(unknownMillis)))
        .as("median ms, known %s, unknown %s", knownMillis, unknownMillis)
        .isLessThan(25);
  }

  private long timed(String address) {
    long start = System.nanoTime();
    assertThat(requestReset(address).status()).isEqualTo(202);
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  private HttpApi.Response requestReset(String address) {
    return auth.http().post("/api/v1/auth/password-reset", null, Map.of("email", address));
  }

  private int recordedRequests(String address) {
    return jdbc.sql("select count(*) from password_reset_requests where email_normalized = :email")
        .param("email", address.toLowerCase(Locale.ROOT))
        .query(Integer.class)
        .single();
  }

  private int resetTokensOf(String address) {
    return jdbc.sql(
            """
            select count(*) from account_tokens where purpose = 'PASSWORD_RESET'
               and user_id = (select id from accounts where email_normalized = :email)
            """)
        .param("email", address.toLowerCase(Locale.ROOT))
        .query(Integer.class)
        .single();
  }

  private int queuedResetMailsTo(String address) {
    return jdbc.sql(
            "select count(*) from mail_queue where template = 'PASSWORD_RESET' and recipient = :r")
        .param("r", address)
        .query(Integer.class)
        .single();
  }
}
