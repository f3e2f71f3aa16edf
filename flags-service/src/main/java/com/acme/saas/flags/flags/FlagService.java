package com.acme.saas.flags.flags;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.PageResponse;
import com.acme.saas.common.web.SearchText;
import com.acme.saas.flags.evaluation.SnapshotChanges;
import com.acme.saas.flags.flags.FlagAudit.Action;
import com.acme.saas.flags.flags.FlagRequests.FlagPatch;
import com.acme.saas.flags.flags.FlagRequests.NewFlag;
import com.acme.saas.flags.flags.FlagView.FlagSettings;
import com.acme.saas.flags.flags.FlagView.OverrideView;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of flag management: keys are unique and never change, every change is audited with the
 * acting admin in the same transaction, and every replica's snapshot hears of it at commit.
 */
@Service
class FlagService {

  private static final Logger log = LoggerFactory.getLogger(FlagService.class);

  /** GET /flags/evaluate owns this path segment, so no flag may take it as its key. */
  static final String RESERVED_KEY = "evaluate";

  private final FlagRepository flags;
  private final FlagAudit audit;
  private final SnapshotChanges changes;

  FlagService(FlagRepository flags, FlagAudit audit, SnapshotChanges changes) {
    this.flags = flags;
    this.audit = audit;
    this.changes = changes;
  }

  @Transactional
  FlagView create(CurrentUser admin, NewFlag request) {
    if (RESERVED_KEY.equals(request.key())) {
      throw ApiException.validation("Flag key '" + RESERVED_KEY + "' is reserved");
    }
    FlagSettings settings =
        new FlagSettings(
            request.key(),
            request.description(),
            request.enabled(),
            request.rolloutPercentage(),
            sorted(request.roles()),
            sorted(request.plans()),
            sorted(request.userIds()));
    if (!flags.insert(settings)) {
      throw ApiException.conflict("Flag " + request.key() + " already exists");
    }
    audit.record(
        settings.key(), admin.id(), Action.CREATED, null, settings, Set.copyOf(settings.userIds()));
    changes.flagsChanged();
    log.info("flag.created key={} by={}", settings.key(), admin.id());
    return flags.find(settings.key()).orElseThrow();
  }

  @Transactional(readOnly = true)
  PageResponse<FlagView> list(@Nullable String q, PageQuery page) {
    String pattern = SearchText.containsPattern(q);
    return PageResponse.of(flags.list(pattern, page), page, flags.count(pattern));
  }

  @Transactional(readOnly = true)
  FlagView get(String key) {
    return flags.find(key).orElseThrow(() -> ApiException.notFound("Flag", key));
  }

  @Transactional
  FlagView update(CurrentUser admin, String key, FlagPatch patch) {
    FlagSettings before = locked(key).settings();
    FlagSettings after =
        new FlagSettings(
            key,
            patch.description() != null ? patch.description() : before.description(),
            patch.enabled() != null ? patch.enabled() : before.enabled(),
            patch.rolloutPercentage() != null
                ? patch.rolloutPercentage()
                : before.rolloutPercentage(),
            patch.roles() != null ? sorted(patch.roles()) : before.roles(),
            patch.plans() != null ? sorted(patch.plans()) : before.plans(),
            patch.userIds() != null ? sorted(patch.userIds()) : before.userIds());
    if (after.equals(before)) {
      return get(key);
    }
    flags.update(after);
    audit.record(
        key, admin.id(), Action.UPDATED, before, after, union(before.userIds(), after.userIds()));
    changes.flagsChanged();
    log.info("flag.updated key={} by={}", key, admin.id());
    return get(key);
  }

  @Transactional
  void delete(CurrentUser admin, String key) {
    FlagView flag = locked(key);
    flags.delete(key);
    audit.record(
        key,
        admin.id(),
        Action.DELETED,
        flag.settings(),
        null,
        Set.copyOf(flag.settings().userIds()));
    changes.flagsChanged();
    log.info("flag.deleted key={} by={} overrides={}", key, admin.id(), flag.overrides().size());
  }

  @Transactional
  OverrideView putOverride(CurrentUser admin, String key, UUID userId, boolean value) {
    locked(key);
    Optional<Boolean> previous = flags.override(key, userId);
    OverrideView after = new OverrideView(userId, value);
    if (previous.isPresent() && previous.get() == value) {
      return after;
    }
    flags.putOverride(key, userId, value);
    OverrideView before = previous.map(old -> new OverrideView(userId, old)).orElse(null);
    audit.record(key, admin.id(), Action.OVERRIDE_SET, before, after, Set.of(userId));
    changes.flagsChanged();
    log.info("flag.override_set key={} userId={} value={} by={}", key, userId, value, admin.id());
    return after;
  }

  @Transactional
  void deleteOverride(CurrentUser admin, String key, UUID userId) {
    locked(key);
    boolean value =
        flags
            .override(key, userId)
            .orElseThrow(
                () -> ApiException.notFound("Override of flag " + key + " for user", userId));
    flags.deleteOverride(key, userId);
    audit.record(
        key,
        admin.id(),
        Action.OVERRIDE_REMOVED,
        new OverrideView(userId, value),
        null,
        Set.of(userId));
    changes.flagsChanged();
    log.info("flag.override_removed key={} userId={} by={}", key, userId, admin.id());
  }

  /** A flag's trail, also after the flag is deleted; a key that never existed answers 404. */
  @Transactional(readOnly = true)
  PageResponse<AuditEntryView> audit(String key, PageQuery page) {
    long total = audit.count(key);
    if (total == 0 && flags.find(key).isEmpty()) {
      throw ApiException.notFound("Flag", key);
    }
    return PageResponse.of(audit.list(key, page), page, total);
  }

  private FlagView locked(String key) {
    return flags.findForUpdate(key).orElseThrow(() -> ApiException.notFound("Flag", key));
  }

  private static <T extends Comparable<T>> List<T> sorted(Collection<T> values) {
    return values.stream().sorted().toList();
  }

  private static Set<UUID> union(Collection<UUID> first, Collection<UUID> second) {
    Set<UUID> all = new HashSet<>(first);
    all.addAll(second);
    return all;
  }
}
