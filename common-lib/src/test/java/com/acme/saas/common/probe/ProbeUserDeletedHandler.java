package com.acme.saas.common.probe;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.inbox.EventHandler;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records each erasure; refuses, every time, the user id {@link #POISON}. */
@Component
class ProbeUserDeletedHandler implements EventHandler<UserDeleted> {

  static final UUID POISON = UUID.fromString("00000000-0000-0000-0000-00000000dead");
  static final AtomicInteger poisonAttempts = new AtomicInteger();

  private final JdbcClient jdbc;

  ProbeUserDeletedHandler(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void handle(UserDeleted event, EventEnvelope envelope) {
    jdbc.sql("insert into probe_erasures (user_id) values (:id)")
        .param("id", event.userId())
        .update();
    if (POISON.equals(event.userId())) {
      poisonAttempts.incrementAndGet();
      throw new IllegalStateException("cannot erase user " + event.userId());
    }
  }
}
