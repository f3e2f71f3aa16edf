package com.acme.saas.auth.accounts;

import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id hashing with a bound on how many hashes run at once, so a login flood queues (and
 * eventually gets 503) instead of exhausting the heap. Checking a password for an unknown account
 * still runs a full hash against a dummy, so its cost does not reveal whether the email exists.
 *
 * <p>Hashes run on platform threads of their own: a request's virtual thread waits for the result
 * unmounted. Run on the virtual thread itself, each ~70 ms hash would hold one of the few carrier
 * threads, and every other request of the service would queue behind it.
 */
@Component
public class PasswordHasher implements DisposableBean {

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final Argon2PasswordEncoder encoder;
  private final Semaphore slots;
  private final ExecutorService hashing;
  private final Duration maxWait;
  private final String dummyHash;

  PasswordHasher(PasswordProperties properties) {
    this.encoder =
        new Argon2PasswordEncoder(
            SALT_BYTES,
            HASH_BYTES,
            properties.parallelism(),
            properties.memoryKib(),
            properties.iterations());
    this.slots = new Semaphore(properties.maxConcurrentHashes(), true);
    this.hashing =
        Executors.newFixedThreadPool(
            properties.maxConcurrentHashes(),
            Thread.ofPlatform().name("argon2-", 1).daemon().factory());
    this.maxWait = properties.maxWait();
    this.dummyHash = encoder.encode(UUID.randomUUID().toString());
  }

  public String hash(String password) {
    return bounded(() -> encoder.encode(password));
  }

  /**
   * Whether the password matches; a {@code null} hash (no such account) costs the same and fails.
   */
  public boolean matches(String password, @Nullable String hash) {
    boolean matches = bounded(() -> encoder.matches(password, hash == null ? dummyHash : hash));
    return hash != null && matches;
  }

  /** Whether the hash was made with weaker parameters than the configured ones. */
  public boolean needsRehash(String hash) {
    return encoder.upgradeEncoding(hash);
  }

  private <T> T bounded(Supplier<T> work) {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new ApiException(
          ErrorCode.SERVICE_UNAVAILABLE,
          "Too many sign-ins at once; try again shortly",
          Duration.ofSeconds(1));
    }
    try {
      return hashing.submit(work::get).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while hashing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Hashing failed", e.getCause());
    } finally {
      slots.release();
    }
  }

  @Override
  public void destroy() {
    hashing.shutdownNow();
  }
}
