package com.acme.saas.user.profiles;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.security.Roles;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own profile. It normally comes from UserRegistered; a user whose first request beats
 * that event gets a profile made from its verified token, so nobody ever sees a 404 for itself.
 */
@Service
class ProfileService {

  private static final Logger log = LoggerFactory.getLogger(ProfileService.class);
  static final int NAME_MAX = 100;

  private final ProfileRepository profiles;

  ProfileService(ProfileRepository profiles) {
    this.profiles = profiles;
  }

  @Transactional
  ProfileView me(CurrentUser user) {
    return ProfileView.of(ensureProfile(user));
  }

  @Transactional
  ProfileView rename(CurrentUser user, String name) {
    ensureProfile(user);
    return ProfileView.of(profiles.rename(user.id(), name).orElseThrow());
  }

  @Transactional
  void register(UUID userId, String email, String name, String role) {
    profiles.register(userId, email, name, role);
    log.info("profile.registered userId={}", userId);
  }

  @Transactional
  void changePlan(UUID userId, String plan) {
    if (profiles.changePlan(userId, plan)) {
      log.info("profile.plan_changed userId={} plan={}", userId, plan);
    } else {
      log.info("profile.plan_pending reason=no_profile_yet userId={} plan={}", userId, plan);
    }
  }

  @Transactional
  void markEmailVerified(UUID userId) {
    if (profiles.markEmailVerified(userId)) {
      log.info("profile.email_verified userId={}", userId);
    } else {
      log.info("profile.email_verified_pending reason=no_profile_yet userId={}", userId);
    }
  }

  private Profile ensureProfile(CurrentUser user) {
    return profiles
        .find(user.id())
        .orElseGet(
            () -> {
              String email = user.email() == null ? "" : user.email();
              String role = user.isAdmin() ? Roles.ADMIN : Roles.USER;
              profiles.insertIfAbsent(user.id(), email, defaultName(email), role, true);
              log.info("profile.created_from_token userId={}", user.id());
              return profiles.find(user.id()).orElseThrow();
            });
  }

  /** The local part of the email, as a name the user can change. */
  static String defaultName(@Nullable String email) {
    String local = email == null ? "" : email.substring(0, Math.max(0, email.indexOf('@'))).strip();
    if (local.isEmpty()) {
      local = "user";
    }
    return local.length() > NAME_MAX ? local.substring(0, NAME_MAX) : local;
  }
}
