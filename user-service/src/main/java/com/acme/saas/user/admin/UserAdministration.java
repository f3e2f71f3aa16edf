package com.acme.saas.user.admin;

import com.acme.saas.common.events.UserDeleted;
import com.acme.saas.common.events.UserRoleChanged;
import com.acme.saas.common.outbox.OutboxWriter;
import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.security.Roles;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.PageResponse;
import com.acme.saas.user.profiles.Profile;
import com.acme.saas.user.profiles.ProfileRepository;
import com.acme.saas.user.profiles.ProfileView;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin user management. A role change or a deletion writes its event to the outbox in the same
 * transaction, so other services hear of exactly the changes that committed. An admin cannot
 * demote or delete itself, and the suite always keeps at least one admin.
 */
@Service
class UserAdministration {

  private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);

  private final ProfileRepository profiles;
  private final OutboxWriter outbox;

  UserAdministration(ProfileRepository profiles, OutboxWriter outbox) {
    this.profiles = profiles;
    this.outbox = outbox;
  }

  @Transactional(readOnly = true)
  PageResponse<ProfileView> list(@Nullable String q, PageQuery page) {
    long total = profiles.count(q);
    return PageResponse.of(profiles.page(q, page).stream().map(ProfileView::of).toList(), page, total);
  }

  @Transactional(readOnly = true)
  ProfileView get(UUID id) {
    return ProfileView.of(profiles.find(id).orElseThrow(() -> ApiException.notFound("User", id)));
  }

  @Transactional
  ProfileView changeRole(CurrentUser admin, UUID id, String role) {
    if (admin.id().equals(id) && !Roles.ADMIN.equals(role)) {
      throw ApiException.conflict("An admin cannot demote itself");
    }
    int admins = profiles.lockAdmins();
    Profile target = profiles.findForUpdate(id).orElseThrow(() -> ApiException.notFound("User", id));
    if (target.role().equals(role)) {
      return ProfileView.of(target);
    }
    if (Roles.ADMIN.equals(target.role()) && admins <= 1) {
      throw ApiException.conflict("The last admin cannot be demoted");
    }
    Profile changed = profiles.changeRole(id, role);
    outbox.write(new UserRoleChanged(id, role));
    log.info("user.role_changed userId={} role={} by={}", id, role, admin.id());
    return ProfileView.of(changed);
  }

  @Transactional
  void delete(CurrentUser admin, UUID id) {
    if (admin.id().equals(id)) {
      throw ApiException.conflict("An admin cannot delete itself");
    }
    int admins = profiles.lockAdmins();
    Profile target = profiles.findForUpdate(id).orElseThrow(() -> ApiException.notFound("User", id));
    if (Roles.ADMIN.equals(target.role()) && admins <= 1) {
      throw ApiException.conflict("The last admin cannot be deleted");
    }
    profiles.delete(id);
    outbox.write(new UserDeleted(id));
    log.info("user.deleted userId={} by={}", id, admin.id());
  }
}
