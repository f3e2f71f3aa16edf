package com.acme.saas.auth.sessions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes refresh tokens nobody can use any more. Replicas may run it at the same time: each batch
 * deletes what is there, so overlapping runs only share the work.
 */
@Component
class ExpiredSessionPurge {

  private static final Logger log = LoggerFactory.getLogger(ExpiredSessionPurge.class);

  private final RefreshTokenRepository tokens;
  private final SessionProperties properties;

  ExpiredSessionPurge(RefreshTokenRepository tokens, SessionProperties properties) {
    this.tokens = tokens;
    this.properties = properties;
  }

  @Scheduled(
      initialDelayString = "${saas.auth.sessions.purge-interval:1h}",
      fixedDelayString = "${saas.auth.sessions.purge-interval:1h}")
  void purge() {
    int total = 0;
    int deleted;
    do {
      deleted = tokens.purgeBatch(properties.revokedRetention());
      total += deleted;
    } while (deleted > 0);
    if (total > 0) {
      log.info("refresh.purged tokens={}", total);
    }
  }
}
