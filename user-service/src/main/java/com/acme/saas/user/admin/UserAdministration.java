package com.acme.saas.user.admin;

import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.events.UserRoleChanged;
import com.acme.saas.common.outbox.OutboxWriter;
import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.security.Roles;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.user.profiles.ProfileView;
import com.acme.saas.user.profiles.Profiles;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin changes to other users. A role change or a deletion writes its event to the outbox in the
 * same transaction, so other services hear of exactly the changes that committed. An admin cannot
 * demote or delete itself; profiles keep at least one admin.
 */
@Service
class UserAdministration {

  private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);

  private final Profiles profiles;
  private final OutboxWriter outbox;

  UserAdministration(Profiles profiles, OutboxWriter outbox) {
    this.profiles = profiles;
    this.outbox = outbox;
  }

  @Transactional
  ProfileView changeRole(CurrentUser admin, UUID id, String role) {
    if (admin.id().equals(id) && !Roles.ADMIN.equals(role)) {
      throw ApiException.conflict("An admin cannot demote itself");
    }
    if (profiles.changeRole(id, role)) {
      outbox.write(new UserRoleChanged(id, role));
      log.info("user.role_changed userId={} role={} by={}", id, role, admin.id());
    }
    return profiles.get(id);
  }

  @Transactional
  void delete(CurrentUser admin, UUID id) {
    if (admin.id().equals(id)) {
      throw ApiException.conflict("An admin cannot delete itself");
    }
    profiles.delete(id);
    outbox.write(new UserDeleted(id));
    log.info("user.deleted userId={} by={}", id, admin.id());
  }
}
