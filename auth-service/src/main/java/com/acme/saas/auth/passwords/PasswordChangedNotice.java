package com.acme.saas.auth.passwords;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.mail.MailQueue;
import com.acme.saas.auth.mail.MailTemplate;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Tells the address that its password changed (ASVS asks for it), in the change's transaction. */
@Component
class PasswordChangedNotice {

  private final MailQueue mails;

  PasswordChangedNotice(MailQueue mails) {
    this.mails = mails;
  }

  void queue(Account account) {
    mails.queue(account.email(), MailTemplate.PASSWORD_CHANGED, Map.of("name", account.name()));
  }
}
