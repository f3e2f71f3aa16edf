package com.acme.saas.auth.passwords;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.auth.accounts.OneTimeTokens;
import com.acme.saas.auth.accounts.PasswordHasher;
import com.acme.saas.auth.lockout.LoginThrottle;
import com.acme.saas.auth.mail.MailQueue;
import com.acme.saas.auth.mail.MailTemplate;
import com.acme.saas.auth.mail.OutgoingMailProperties;
import com.acme.saas.auth.sessions.Sessions;
import com.acme.saas.common.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A forgotten password, reset through a link mailed to the address.
 *
 * <p>A request only records the address ({@code password_reset_requests}) and answers: one insert,
 * whether the address has an account or not, so neither the answer nor its time tells. A worker
 * takes the requests and, for a known address under its limit, kills the earlier reset links,
 * issues a new one and queues its mail, all in one transaction with the request's deletion.
 */
@Service
class PasswordReset {

  private static final Logger log = LoggerFactory.getLogger(PasswordReset.class);
  private static final OneTimeTokens.Purpose RESET = OneTimeTokens.Purpose.PASSWORD_RESET;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Accounts accounts;
  private final OneTimeTokens tokens;
  private final PasswordHasher hasher;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final MailQueue mails;
  private final PasswordChangedNotice notice;
  private final PasswordResetProperties properties;
  private final OutgoingMailProperties mail;

  PasswordReset(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Accounts accounts,
      OneTimeTokens tokens,
      PasswordHasher hasher,
      Sessions sessions,
      LoginThrottle throttle,
      MailQueue mails,
      PasswordChangedNotice notice,
      PasswordResetProperties properties,
      OutgoingMailProperties mail) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.accounts = accounts;
    this.tokens = tokens;
    this.hasher = hasher;
    this.sessions = sessions;
    this.throttle = throttle;
    this.mails = mails;
    this.notice = notice;
    this.properties = properties;
    this.mail = mail;
  }

  void request(String email) {
    jdbc.sql(
            "insert into password_reset_requests (email_normalized, requested_at) values (:email, now())")
        .param("email", Account.normalizeEmail(email))
        .update();
  }

  @Scheduled(fixedDelayString = "${saas.auth.password-reset.poll-interval:500ms}")
  void takeRequests() {
    while (Boolean.TRUE.equals(transactions.execute(status -> takeOne()))) {
      // One request per transaction, until none is left.
    }
  }

  private boolean takeOne() {
    List<String> next =
        jdbc.sql(
                """
                delete from password_reset_requests where id = (
                  select id from password_reset_requests order by id limit 1 for update skip locked)
                returning email_normalized
                """)
            .query(String.class)
            .list();
    if (next.isEmpty()) {
      return false;
    }
    accounts.findByEmail(next.getFirst()).ifPresent(this::mailLink);
    return true;
  }

  private void mailLink(Account account) {
    if (tokens.issuedWithin(account.id(), RESET, properties.perAddressWindow())
        >= properties.perAddressLimit()) {
      log.warn("password.reset_limited userId={}", account.id());
      return;
    }
    tokens.killAll(account.id(), RESET);
    String token = tokens.issue(account.id(), RESET, properties.tokenTtl());
    mails.queue(
        account.email(),
        MailTemplate.PASSWORD_RESET,
        Map.of(
            "name", account.name(),
            "link", mail.link("/reset-password?token=" + token),
            "validFor", properties.tokenTtl().toMinutes() + " minutes"));
    log.info("password.reset_queued userId={}", account.id());
  }

  /**
   * Sets the new password: the token is used up, every other reset link and every session of the
   * user ends, the lockout is forgotten and the notice queued, in one transaction.
   *
   * @throws ApiException TOKEN_INVALID (400) for a used, expired or unknown token
   */
  void confirm(String token, String newPassword) {
    String hash = hasher.hash(newPassword);
    transactions.executeWithoutResult(
        status -> {
          UUID userId =
              tokens
                  .use(RESET, token)
                  .orElseThrow(
                      () ->
                          ApiException.invalidBodyToken("Reset token is invalid, used or expired"));
          Account account =
              accounts
                  .find(userId)
                  .orElseThrow(
                      () ->
                          ApiException.invalidBodyToken("Reset token is invalid, used or expired"));
          tokens.killAll(userId, RESET);
          accounts.changePasswordHash(userId, hash);
          int revoked = sessions.endOtherSessions(userId, null);
          throttle.reset(account.email());
          notice.queue(account);
          log.info("password.reset userId={} revokedTokens={}", userId, revoked);
        });
  }
}
