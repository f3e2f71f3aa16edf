package com.acme.saas.common.probe;

import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.outbox.OutboxWriter;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ProbeEvents {

  private final OutboxWriter outbox;

  ProbeEvents(OutboxWriter outbox) {
    this.outbox = outbox;
  }

  @Transactional
  public void deleteUser(UUID userId, boolean failAfterWriting) {
    outbox.write(new UserDeleted(userId));
    if (failAfterWriting) {
      throw new IllegalStateException("the business change failed after the event was written");
    }
  }
}
