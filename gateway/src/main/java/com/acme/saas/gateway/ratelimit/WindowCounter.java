package com.acme.saas.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Fixed-window counters in Redis: one script, so one round trip, counts a request and reads how
 * long its window has left.
 */
@Component
final class WindowCounter {

  /** KEYS[1] the counter, ARGV[1] the window in ms; answers "count:msUntilReset". */
  private static final RedisScript<String> COUNT =
      RedisScript.of(
          """
          local count = redis.call('INCR', KEYS[1])
          local ttl = redis.call('PTTL', KEYS[1])
          if ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
          end
          return count .. ':' .. ttl
          """,
          String.class);

  /** The state of one counter right after a request was counted. */
  record Window(long count, long millisUntilReset) {}

  private final ReactiveStringRedisTemplate redis;

  WindowCounter(ReactiveStringRedisTemplate redis) {
    this.redis = redis;
  }

  Mono<Window> count(String key, Duration window) {
    return redis.execute(COUNT, List.of(key), List.of(Long.toString(window.toMillis())))
        .next()
        .map(WindowCounter::parse);
  }

  private static Window parse(String reply) {
    int colon = reply.indexOf(':');
    return new Window(Long.parseLong(reply, 0, colon, 10), Long.parseLong(reply, colon + 1, reply.length(), 10));
  }
}
