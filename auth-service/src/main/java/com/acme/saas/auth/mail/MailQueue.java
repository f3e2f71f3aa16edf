package com.acme.saas.auth.mail;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues a mail in {@code mail_queue}. It joins the caller's transaction, so the mail exists
 * exactly when the change that needs it commits; {@link MailRelay} sends it from there.
 */
@Component
public class MailQueue {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;

  MailQueue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Queues {@code template} for {@code recipient}; must run inside the change's transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public UUID queue(String recipient, MailTemplate template, Map<String, String> variables) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into mail_queue (id, recipient, template, variables, next_attempt_at, created_at)
            values (:id, :recipient, :template, :variables, now(), now())
            """)
        .param("id", id)
        .param("recipient", recipient)
        .param("template", template.name())
        .param("variables", JSON.writeValueAsString(variables))
        .update();
    return id;
  }

  static Map<String, String> variables(String json) {
    return JSON.readValue(
        json, JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
  }
}
