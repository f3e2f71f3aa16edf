package com.acme.saas.task.erasure;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.inbox.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases a deleted user's tasks and plan.
 *
 * <p>The tasks go in batches of {@code tasks.erasure.batch-size}, each in its own short
 * transaction, so a user with very many tasks never holds row locks (or one long transaction) for
 * the whole erasure. The inbox transaction that records the event as processed commits only after
 * the last batch and the plan row are gone: if the service stops half-way, the event is
 * redelivered and the erasure resumes, and because deleting what is already gone changes nothing,
 * a redelivered or repeated UserDeleted, or one for a user this service never saw, is harmless.
 */
@Component
@EnableConfigurationProperties(ErasureProperties.class)
class UserDeletedListener implements EventHandler<UserDeleted> {

  private static final Logger log = LoggerFactory.getLogger(UserDeletedListener.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate batchTransaction;
  private final ErasureProperties properties;

  UserDeletedListener(JdbcClient jdbc, PlatformTransactionManager transactions, ErasureProperties properties) {
    this.jdbc = jdbc;
    this.batchTransaction = new TransactionTemplate(transactions);
    this.batchTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
  }


  @Override
  public void handle(UserDeleted event, EventEnvelope envelope) {
    long tasks = 0;
    int deleted;
    do {
      deleted = deleteBatch(event);
      tasks += deleted;
    } while (deleted == properties.batchSize());
    jdbc.sql("delete from user_plans where user_id = :userId").param("userId", event.userId()).update();
    log.info("user.erased userId={} tasks={} eventId={}", event.userId(), tasks, envelope.eventId());
  }

  private int deleteBatch(UserDeleted event) {
    Integer deleted =
        batchTransaction.execute(
            status ->
                jdbc.sql(
                        """
                        delete from tasks
                         where id in (select id from tasks where user_id = :userId limit :batch)
                        """)
                    .param("userId", event.userId())
                    .param("batch", properties.batchSize())
                    .update());
    return deleted == null ? 0 : deleted;
  }
}
