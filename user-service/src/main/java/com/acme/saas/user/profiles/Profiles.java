package com.acme.saas.user.profiles;

import com.acme.saas.common.security.Roles;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.PageResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every user's profile, for other features (admin): read them, change a role, remove one. The suite
 * always keeps at least one admin: a change locks every admin's row first, in one order, so two
 * concurrent demotions cannot both pass the count.
 */
@Service
public class Profiles {

  private final ProfileRepository profiles;

  Profiles(ProfileRepository profiles) {
    this.profiles = profiles;
  }

  @Transactional(readOnly = true)
  public PageResponse<ProfileView> list(@Nullable String q, PageQuery page) {
    long total = profiles.count(q);
    return PageResponse.of(
        profiles.page(q, page).stream().map(ProfileView::of).toList(), page, total);
  }

  @Transactional(readOnly = true)
  public ProfileView get(UUID id) {
    return ProfileView.of(profiles.find(id).orElseThrow(() -> ApiException.notFound("User", id)));
  }

  /**
   * Gives the user {@code role}, in the caller's transaction (which writes the event).
   *
   * @return whether the role changed
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean changeRole(UUID id, String role) {
    int admins = profiles.lockAdmins();
    Profile target =
        profiles.findForUpdate(id).orElseThrow(() -> ApiException.notFound("User", id));
    if (target.role().equals(role)) {
      return false;
    }
    if (Roles.ADMIN.equals(target.role()) && admins <= 1) {
      throw ApiException.conflict("The last admin cannot be demoted");
    }
    profiles.changeRole(id, role);
    return true;
  }

  /** Removes the profile, in the caller's transaction (which writes the event). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void delete(UUID id) {
    int admins = profiles.lockAdmins();
    Profile target =
        profiles.findForUpdate(id).orElseThrow(() -> ApiException.notFound("User", id));
    if (Roles.ADMIN.equals(target.role()) && admins <= 1) {
      throw ApiException.conflict("The last admin cannot be deleted");
    }
    profiles.delete(id);
  }
}
