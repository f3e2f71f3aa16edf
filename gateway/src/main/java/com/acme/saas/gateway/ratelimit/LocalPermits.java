package com.acme.saas.gateway.ratelimit;

import com.acme.saas.gateway.ratelimit.RateLimitProperties.Policy;
import com.acme.saas.gateway.ratelimit.SlidingWindowCounter.Grant;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * For a policy with a high limit ({@code batch} > 1): reserves its requests in Redis a batch at a
 * time and hands them out in this replica, so most requests pass without waiting on Redis. The next
 * batch is reserved in the background once fewer than half a batch is left, so a busy client does
 * not wait for it either.
 *
 * <p>A client so busy that its requests still wait for a reservation in flight gets batches twice
 * as large from then on, up to a tenth of the limit (or {@code batch}, if larger), until it sends
 * nothing for a whole window. At the default policy (100 a minute, batches of 10) that changes
 * nothing; a client sending thousands of requests a second under a high limit costs one Redis call
 * per few hundred requests instead of one per few.
 *
 * <p>The bound, across any number of replicas: a reservation is counted in Redis before any of it
 * is used, so all replicas together never let more requests through than the limit. The price is
 * the other direction: a client can be refused while other replicas still hold permits they
 * reserved for it and have not used, fewer than 1.5 of that client's batches per replica (under
 * half a batch left plus at most one reservation in flight per key and replica). Permits expire
 * with the Redis window they were reserved in. A refusal is remembered until its {@code
 * Retry-After}, so a client over its limit costs no Redis call either.
 */
final class LocalPermits implements RateLimiter {

  private final SlidingWindowCounter counter;
  private final Policy policy;
  private final int maxBatch;
  private final Cache<String, Pool> pools;

  LocalPermits(SlidingWindowCounter counter, Policy policy, long maxKeys) {
    this.counter = counter;
    this.policy = policy;
    this.maxBatch =
        (int) Math.min(Integer.MAX_VALUE, Math.max(policy.batch(), policy.limit() / 10));
    this.pools =
        Caffeine.newBuilder()
            .executor(
                Runnable
                    ::run) // as in common-lib's AccessTokenVerifier: no thread wake-up per drain
            .maximumSize(maxKeys)
            .expireAfterAccess(policy.window().toMillis(), TimeUnit.MILLISECONDS)
            .build();
  }

  /** A decision made from this replica's permits alone, or null when Redis must be asked. */
  @Override
  public @Nullable Decision tryDecideNow(String key) {
    Pool pool = pools.getIfPresent(key);
    return pool == null ? null : takeFrom(pool, key);
  }

  /**
   * Decides from this replica's permits, waiting for a reservation in Redis when there are none.
   */
  @Override
  public Mono<Decision> decide(String key) {
    Pool pool = pools.get(key, k -> new Pool(policy.batch(), maxBatch));
    Decision local = takeFrom(pool, key);
    if (local != null) {
      return Mono.just(local);
    }
    Mono<Grant> refill;
    synchronized (pool) {
      if (pool.refill != null) {
        // Half a batch did not last one Redis round trip: the next reservations get larger.
        pool.starved = true;
        refill = pool.refill;
      } else {
        refill = reserve(pool, key);
      }
    }
    // Every request waiting on the reservation then takes its own permit, or waits for the next.
    return refill.then(Mono.defer(() -> decide(key)));
  }

  private @Nullable Decision takeFrom(Pool pool, String key) {
    long now = System.nanoTime();
    Decision decision = pool.take(now);
    if (decision != null
        && decision.allowed()
        && pool.permits.get() < pool.lowWater()
        && !pool.refusedAt(now)) {
      Mono<Grant> next = null;
      synchronized (pool) {
        if (pool.refill == null) {
          next = reserve(pool, key);
        }
      }
      if (next != null) {
        next.subscribe(grant -> {}, error -> {});
      }
    }
    return decision;
  }

  /**
   * Makes the key's one reservation in flight (not yet started); the caller holds the pool's lock.
   */
  private Mono<Grant> reserve(Pool pool, String key) {
    Mono<Grant> refill =
        counter
            .count(key, policy.limit(), policy.window(), pool.batch)
            .doOnNext(grant -> pool.fill(grant, System.nanoTime()))
            .doOnError(error -> pool.failed())
            .cache();
    pool.refill = refill;
    return refill;
  }

  /**
   * One key's permits in this replica. Taking a permit takes no lock (a busy client's requests on
   * every event loop meet here); filling and the reservation in flight are guarded by the pool.
   */
  private static final class Pool {

    private final AtomicLong permits = new AtomicLong();

    /**
     * Permits asked for per reservation: the policy's batch, doubled each time requests had to
     * wait.
     */
    private volatile int batch;

    private boolean starved;
    private volatile long remaining;
    private volatile long expiresAt;
    private volatile boolean refused;
    private volatile long refusedUntil;
    private @Nullable Mono<Grant> refill;

    private final int maxBatch;

    Pool(int batch, int maxBatch) {
      this.batch = batch;
      this.maxBatch = maxBatch;
    }

    int lowWater() {
      return Math.max(1, batch / 2);
    }

    /** One permit, a remembered refusal, or null when Redis must be asked. */
    @Nullable Decision take(long now) {
      long until = expiresAt;
      if (now - until < 0) {
        for (long left = permits.get(); left > 0; left = permits.get()) {
          if (permits.compareAndSet(left, left - 1)) {
            return new Decision(true, remaining + left - 1, millis(until - now));
          }
        }
      }
      if (refusedAt(now)) {
        return new Decision(false, 0, millis(refusedUntil - now));
      }
      return null;
    }

    boolean refusedAt(long now) {
      return refused && now - refusedUntil < 0;
    }

    synchronized void fill(Grant grant, long now) {
      refill = null;
      if (starved) {
        starved = false;
        batch = (int) Math.min(maxBatch, 2L * batch);
      }
      long until = now + TimeUnit.MILLISECONDS.toNanos(Math.max(1, grant.millisUntilReset()));
      if (grant.granted() == 0) {
        // Answered once the permits still held here are used up.
        refusedUntil = until;
        refused = true;
        return;
      }
      refused = false;
      remaining = grant.remaining();
      if (permits.get() > 0 && now - expiresAt < 0) {
        // Permits of the same window, or of one ending earlier: all expire with the earliest.
        permits.addAndGet(grant.granted());
      } else {
        // Expired permits go first, so that none of them is taken as one of the new window's.
        permits.set(0);
        expiresAt = until;
        permits.set(grant.granted());
      }
    }

    synchronized void failed() {
      refill = null;
    }

    private static long millis(long nanos) {
      return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos));
    }
  }
}
