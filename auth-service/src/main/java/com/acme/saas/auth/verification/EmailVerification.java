package com.acme.saas.auth.verification;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.auth.accounts.OneTimeTokens;
import com.acme.saas.auth.mail.MailQueue;
import com.acme.saas.auth.mail.MailTemplate;
import com.acme.saas.auth.mail.OutgoingMailProperties;
import com.acme.saas.common.events.EmailVerified;
import com.acme.saas.common.outbox.OutboxWriter;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proving an account's address: a single-use link mailed at registration (and on request), whose
 * use marks the account verified and tells the suite with {@code EmailVerified}, in the same
 * transaction.
 */
@Service
public class EmailVerification {

  private static final Logger log = LoggerFactory.getLogger(EmailVerification.class);

  private final Accounts accounts;
  private final OneTimeTokens tokens;
  private final MailQueue mails;
  private final OutboxWriter outbox;
  private final EmailVerificationProperties properties;
  private final OutgoingMailProperties mail;
  private final Clock clock;

  EmailVerification(
      Accounts accounts,
      OneTimeTokens tokens,
      MailQueue mails,
      OutboxWriter outbox,
      EmailVerificationProperties properties,
      OutgoingMailProperties mail,
      Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.mails = mails;
    this.outbox = outbox;
    this.properties = properties;
    this.mail = mail;
    this.clock = clock;
  }

  /**
   * Issues a verification token and queues its mail, in the caller's transaction (registration's).
   */
  public void start(Account account) {
    String token =
        tokens.issue(account.id(), OneTimeTokens.Purpose.EMAIL_VERIFICATION, properties.tokenTtl());
    mails.queue(
        account.email(),
        MailTemplate.VERIFY_EMAIL,
        Map.of(
            "name", account.name(),
            "link", mail.link("/verify-email?token=" + token),
            "validFor", hours(properties.tokenTtl())));
    log.info("email.verification_queued userId={}", account.id());
  }

  /** Marks an account created already proven (the seeded admin), in the caller's transaction. */
  public void markVerified(UUID userId) {
    if (accounts.markEmailVerified(userId)) {
      outbox.write(new EmailVerified(userId));
    }
  }

  /**
   * @throws ApiException TOKEN_INVALID (400) for a used, expired or unknown token
   */
  @Transactional
  public void verify(String token) {
    UUID userId =
        tokens
            .use(OneTimeTokens.Purpose.EMAIL_VERIFICATION, token)
            .orElseThrow(
                () ->
                    ApiException.invalidBodyToken(
                        "Verification token is invalid, used or expired"));
    tokens.killAll(userId, OneTimeTokens.Purpose.EMAIL_VERIFICATION);
    markVerified(userId);
    log.info("email.verified userId={}", userId);
  }

  /**
   * Mails a new link unless the address is verified already.
   *
   * @throws ApiException RATE_LIMIT_EXCEEDED when the user had {@code resend-limit} links within
   *     {@code resend-window}
   */
  @Transactional
  public void resend(UUID userId) {
    Account account =
        accounts.find(userId).orElseThrow(() -> ApiException.notFound("User", userId));
    if (accounts.isEmailVerified(userId)) {
      return;
    }
    OneTimeTokens.Purpose purpose = OneTimeTokens.Purpose.EMAIL_VERIFICATION;
    if (tokens.issuedWithin(userId, purpose, properties.resendWindow())
        >= properties.resendLimit()) {
      Instant oldest =
          tokens
              .oldestIssuedWithin(userId, purpose, properties.resendWindow())
              .orElseGet(clock::instant);
      Duration retryAfter =
          Duration.between(clock.instant(), oldest.plus(properties.resendWindow()));
      throw new ApiException(
          ErrorCode.RATE_LIMIT_EXCEEDED,
          "Too many verification mails; try again later",
          retryAfter.isNegative() ? Duration.ofSeconds(1) : retryAfter);
    }
    start(account);
  }

  /**
   * @throws ApiException EMAIL_NOT_VERIFIED when the setting asks for a verified address and the
   *     account has none
   */
  public void requireVerifiedForLogin(Account account) {
    if (properties.requiredForLogin() && !accounts.isEmailVerified(account.id())) {
      throw new ApiException(
          ErrorCode.EMAIL_NOT_VERIFIED,
          "Confirm your email address first: open the link we mailed you");
    }
  }

  static String hours(Duration ttl) {
    return ttl.toMinutes() % 60 == 0 ? ttl.toHours() + " hours" : ttl.toMinutes() + " minutes";
  }
}
