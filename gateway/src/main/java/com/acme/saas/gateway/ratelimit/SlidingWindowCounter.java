package com.acme.saas.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sliding-window counters in Redis. A fixed window lets a client spend its whole limit at the end
 * of one window and again at the start of the next, twice the limit in a moment. Here a request is
 * weighed against the current window's count plus the previous window's count scaled by how much
 * of the previous window the sliding window still overlaps ({@code previous * (1 - elapsed/window)}),
 * so right after a full window a client gets back only the share of its limit that time has freed.
 * This assumes the previous window's requests were spread evenly; it is the approximation Redis's
 * and Cloudflare's write-ups describe, and it never lets a burst at a boundary through twice.
 *
 * <p>One script, so one round trip, per request; the clock is Redis's, so every replica sees the
 * same windows. A refused request is not counted: a client that keeps knocking is held at its limit,
 * not locked out for longer.
 */
@Component
final class SlidingWindowCounter {

  /**
   * KEYS[1] a hash {w: window index, c: its count, p: previous window's count};
   * ARGV[1] the window in ms, ARGV[2] the limit.
   * Answers "allowed:remaining:msUntilReset" where allowed is 1 or 0 and, when refused,
   * msUntilReset is how long until one more request would pass.
   */
  private static final RedisScript<String> COUNT =
      RedisScript.of(
          """
          local time = redis.call('TIME')
          local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
          local window = tonumber(ARGV[1])
          local limit = tonumber(ARGV[2])
          local index = math.floor(now / window)
          local state = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
          local w = tonumber(state[1])
          local current = tonumber(state[2]) or 0
          local previous = tonumber(state[3]) or 0
          if w == nil or w < index - 1 then
            current, previous = 0, 0
          elseif w == index - 1 then
            current, previous = 0, current
          end
          local elapsed = now - index * window
          -- rounded up: right after a boundary nothing of the previous window counts as freed yet
          local weighted = math.ceil(previous * (window - elapsed) / window)
          local untilNextWindow = window - elapsed
          if weighted + current + 1 > limit then
            local wait
            if current < limit and previous > 0 then
              -- later in this window, once the previous window weighs at most limit - current - 1
              wait = math.ceil(window * (1 - (limit - current - 1) / previous)) - elapsed
            else
              -- in the next window, once this window's count, weighed there, leaves room for one
              wait = untilNextWindow + math.ceil(window * (1 - (limit - 1) / current))
            end
            return '0:' .. math.max(0, limit - weighted - current) .. ':' .. math.max(1, wait)
          end
          current = current + 1
          redis.call('HSET', KEYS[1], 'w', index, 'c', current, 'p', previous)
          redis.call('PEXPIRE', KEYS[1], 2 * window)
          return '1:' .. (limit - weighted - current) .. ':' .. untilNextWindow
          """,
          String.class);

  /** The outcome of one request: whether it passes, what is left, and when to try again or the window ends. */
  record Decision(boolean allowed, long remaining, long millisUntilReset) {}

  private final ReactiveStringRedisTemplate redis;

  SlidingWindowCounter(ReactiveStringRedisTemplate redis) {
    this.redis = redis;
  }

  /** Counts one request against {@code limit} per {@code window}, unless that would pass the limit. */
  Mono<Decision> count(String key, long limit, Duration window) {
    return redis.execute(COUNT, List.of(key), List.of(Long.toString(window.toMillis()), Long.toString(limit)))
        .next()
        .map(SlidingWindowCounter::parse);
  }

  private static Decision parse(String reply) {
    int first = reply.indexOf(':');
    int second = reply.indexOf(':', first + 1);
    return new Decision(
        reply.charAt(0) == '1',
        Long.parseLong(reply, first + 1, second, 10),
        Long.parseLong(reply, second + 1, reply.length(), 10));
  }
}
