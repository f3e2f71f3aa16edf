import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The raw rate of the encoder auth-service uses (Spring Security's Argon2PasswordEncoder, same
 * salt/hash lengths and the parameters given), with as many threads as the service's hash slots.
 * Prints "hashes_per_s p50_ms p99_ms".
 * Usage: java -cp '<auth-service libs>/*' HashRate.java memoryKib iterations parallelism threads seconds
 */
public class HashRate {

  public static void main(String[] args) throws Exception {
    int memoryKib = Integer.parseInt(args[0]);
    int iterations = Integer.parseInt(args[1]);
    int parallelism = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    long seconds = Long.parseLong(args[4]);
    Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, parallelism, memoryKib, iterations);
    String hash = encoder.encode("Bench-Password-1");
    // warm-up: let the JIT compile the hot loops before measuring
    long warmupEnd = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < warmupEnd) {
      encoder.matches("Bench-Password-1", hash);
    }
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            if (!encoder.matches("Bench-Password-1", hash)) {
              throw new IllegalStateException("hash did not verify");
            }
            latencies.add(System.nanoTime() - t0);
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("%.1f %.1f %.1f%n",
        sorted.size() / elapsed, sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
  }
}
