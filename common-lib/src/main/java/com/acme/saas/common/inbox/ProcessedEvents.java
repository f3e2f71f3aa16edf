package com.acme.saas.common.inbox;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code processed_events} table: the ids of events this service has applied. */
public class ProcessedEvents {

  private final JdbcClient jdbc;

  public ProcessedEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the id in the current transaction; false when it was applied before. */
  public boolean markProcessed(UUID eventId, String eventType) {
    return jdbc.sql(
                "insert into processed_events (event_id, event_type) values (:id, :type) on conflict do nothing")
            .param("id", eventId)
            .param("type", eventType)
            .update()
        == 1;
  }
}
