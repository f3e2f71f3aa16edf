package com.acme.saas.task.erasure;

import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.inbox.EventHandler;
import com.acme.saas.task.quota.PlanQuota;
import com.acme.saas.task.tasks.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases a deleted user's tasks and plan, each through its own feature.
 *
 * <p>The tasks go in batches of {@code tasks.erasure.batch-size}, each in its own short
 * transaction, so a user with very many tasks never holds row locks (or one long transaction) for
 * the whole erasure. The inbox transaction that records the event as processed commits only after
 * the last batch and the plan row are gone: if the service stops half-way, the event is redelivered
 * and the erasure resumes, and because deleting what is already gone changes nothing, a redelivered
 * or repeated UserDeleted, or one for a user this service never saw, is harmless.
 */
@Component
@EnableConfigurationProperties(ErasureProperties.class)
class UserDeletedListener implements EventHandler<UserDeleted> {

  private static final Logger log = LoggerFactory.getLogger(UserDeletedListener.class);

  private final Tasks tasks;
  private final PlanQuota quota;
  private final TransactionTemplate batchTransaction;
  private final ErasureProperties properties;

  UserDeletedListener(
      Tasks tasks,
      PlanQuota quota,
      PlatformTransactionManager transactions,
      ErasureProperties properties) {
    this.tasks = tasks;
    this.quota = quota;
    this.batchTransaction = new TransactionTemplate(transactions);
    this.batchTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
  }

  @Override
  public void handle(UserDeleted event, EventEnvelope envelope) {
    long erased = 0;
    int deleted;
    do {
      Integer batch =
          batchTransaction.execute(
              status -> tasks.deleteSomeOwnedBy(event.userId(), properties.batchSize()));
      deleted = batch == null ? 0 : batch;
      erased += deleted;
    } while (deleted == properties.batchSize());
    quota.forget(event.userId());
    log.info(
        "user.erased userId={} tasks={} eventId={}", event.userId(), erased, envelope.eventId());
  }
}
