package com.acme.saas.billing.subscriptions;

import com.acme.saas.billing.plans.PlanCatalogue;
import com.acme.saas.common.events.SubscriptionChanged;
import com.acme.saas.common.outbox.OutboxWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subscriptions Stripe told us about, and what the user is entitled to because of them.
 *
 * <p>Order safety: each subscription remembers the {@code created} second of the newest event
 * applied to it, and an event strictly older changes nothing (events of the same second are all
 * applied: one Checkout emits several in one second). Every change that alters what a user's {@code
 * /billing/subscription} shows writes SubscriptionChanged to the outbox in the same transaction; a
 * change that alters nothing writes nothing.
 */
@Service
public class Subscriptions {

  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

  private final SubscriptionRepository repository;
  private final PlanCatalogue catalogue;
  private final OutboxWriter outbox;

  Subscriptions(SubscriptionRepository repository, PlanCatalogue catalogue, OutboxWriter outbox) {
    this.repository = repository;
    this.catalogue = catalogue;
    this.outbox = outbox;
  }

  /**
   * The user's subscription: the one that entitles them if any, else the one changed last. It is
   * the same subscription whose plan and status every other service is told about.
   */
  @Transactional(readOnly = true)
  public SubscriptionView current(UUID userId) {
    return view(repository.ofUser(userId));
  }

  /** Whether the user has a paid plan now (a second checkout would bill them twice). */
  @Transactional(readOnly = true)
  public boolean isEntitled(UUID userId) {
    return repository.ofUser(userId).stream().anyMatch(Subscription::entitled);
  }

  /**
   * Applies a {@code customer.subscription.*} event.
   *
   * @param userId the user it belongs to, when the event or the customer says; else the user the
   *     subscription was already given, or none yet
   * @return false when the event was older than what was applied before
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean apply(SubscriptionSnapshot snapshot, @Nullable UUID userId, Instant eventAt) {
    Optional<Subscription> known = repository.find(snapshot.subscriptionId());
    UUID owner = userId != null ? userId : known.map(Subscription::userId).orElse(null);
    return change(
        owner,
        () -> {
          Optional<Subscription> current = repository.lock(snapshot.subscriptionId());
          if (current.isPresent() && eventAt.isBefore(current.get().lastEventAt())) {
            return false;
          }
          String plan =
              snapshot.priceId() != null
                  ? catalogue.planOfPrice(snapshot.priceId())
                  : current.map(Subscription::plan).orElse(SubscriptionChanged.FREE);
          repository.save(
              new Subscription(
                  snapshot.subscriptionId(),
                  owner,
                  snapshot.customerId() != null
                      ? snapshot.customerId()
                      : current.map(Subscription::customerId).orElse(null),
                  plan,
                  snapshot.status(),
                  snapshot.currentPeriodEnd(),
                  snapshot.cancelAtPeriodEnd(),
                  snapshot.cancelAt(),
                  eventAt));
          return true;
        });
  }

  /** {@code invoice.paid}: a subscription whose renewal had failed is paid up again. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean paymentSucceeded(String subscriptionId, Instant eventAt) {
    return changeStatus(subscriptionId, eventAt, Set.of("past_due", "unpaid"), "active");
  }

  /**
   * {@code invoice.payment_failed} and {@code invoice.payment_action_required}: a renewal could not
   * be charged, so the subscription is past due (Stripe's own update says the same, maybe later). A
   * first payment that fails leaves an {@code incomplete} subscription as it is.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean paymentFailed(String subscriptionId, Instant eventAt) {
    return changeStatus(subscriptionId, eventAt, Subscription.ENTITLED, "past_due");
  }

  /** {@code checkout.session.completed}: a subscription that arrived before its user is theirs. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean assign(String subscriptionId, UUID userId) {
    return change(userId, () -> repository.assignUser(subscriptionId, userId));
  }

  /** {@code customer.deleted}: Stripe cancelled every subscription of the customer with it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean customerDeleted(String customerId, Instant eventAt) {
    List<UUID> owners =
        repository.ofCustomer(customerId).stream()
            .map(Subscription::userId)
            .filter(Objects::nonNull)
            .distinct()
            .sorted()
            .toList();
    boolean changed = false;
    for (UUID owner : owners) {
      changed |=
          change(
              owner,
              () -> {
                boolean any = false;
                for (Subscription subscription : repository.ofCustomer(customerId)) {
                  if (owner.equals(subscription.userId())
                      && !subscription.ended()
                      && !eventAt.isBefore(subscription.lastEventAt())) {
                    repository.save(subscription.withStatus("canceled", eventAt));
                    any = true;
                  }
                }
                return any;
              });
    }
    return changed;
  }

  /** Erasure: forgets the user's subscriptions and returns those Stripe may still bill. */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<String> forget(UUID userId) {
    repository.lockUser(userId);
    return repository.deleteOfUser(userId);
  }

  private boolean changeStatus(
      String subscriptionId, Instant eventAt, Set<String> from, String to) {
    Optional<Subscription> known = repository.find(subscriptionId);
    if (known.isEmpty()) {
      log.info("subscription.unknown subscriptionId={} status={}", subscriptionId, to);
      return false;
    }
    return change(
        known.get().userId(),
        () -> {
          Subscription current = repository.lock(subscriptionId).orElseThrow();
          if (eventAt.isBefore(current.lastEventAt()) || !from.contains(current.status())) {
            return false;
          }
          repository.save(current.withStatus(to, eventAt));
          return true;
        });
  }

  /**
   * Runs a change to one user's subscriptions under that user's lock and tells the suite when what
   * the user sees changed. A subscription without a user yet is changed without telling anyone.
   */
  private boolean change(@Nullable UUID userId, Change change) {
    if (userId == null) {
      return change.apply();
    }
    repository.lockUser(userId);
    SubscriptionView before = view(repository.ofUser(userId));
    boolean applied = change.apply();
    SubscriptionView after = view(repository.ofUser(userId));
    if (!after.equals(before)) {
      outbox.write(
          new SubscriptionChanged(
              userId,
              after.plan(),
              after.status(),
              after.currentPeriodEnd(),
              after.cancelAtPeriodEnd()));
      log.info(
          "subscription.changed userId={} plan={} status={} was={}/{}",
          userId,
          after.plan(),
          after.status(),
          before.plan(),
          before.status());
    }
    return applied;
  }

  private static SubscriptionView view(List<Subscription> subscriptions) {
    return subscriptions.stream()
        .min(
            Comparator.comparing((Subscription s) -> !s.entitled())
                .thenComparing(Subscription::lastEventAt, Comparator.reverseOrder()))
        .map(SubscriptionView::of)
        .orElse(SubscriptionView.NONE);
  }

  @FunctionalInterface
  private interface Change {
    boolean apply();
  }
}
