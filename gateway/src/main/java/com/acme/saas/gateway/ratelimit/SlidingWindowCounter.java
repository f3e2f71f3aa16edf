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
 * weighed against the current window's count plus the previous window's count scaled by how much of
 * the previous window the sliding window still overlaps ({@code previous * (1 - elapsed/window)}),
 * so right after a full window a client gets back only the share of its limit that time has freed.
 * This assumes the previous window's requests were spread evenly; it is the approximation Redis's
 * and Cloudflare's write-ups describe, and it never lets a burst at a boundary through twice.
 *
 * <p>One script, so one round trip, per call; the clock is Redis's, so every replica sees the same
 * windows. A call may count several requests at once ({@link LocalPermits} reserves them ahead).
 */
@Component
final class SlidingWindowCounter {

  /**
   * KEYS[1] a hash {w: window index, c: its count, p: previous window's count}; ARGV[1] the window
   * in ms, ARGV[2] the limit, ARGV[3] how many requests to count at most. Answers
   * "granted:remaining:msUntilReset": granted is how many were counted (as many as the limit leaves
   * room for, 0 when not one more fits), and, when none was, msUntilReset is how long until one
   * more request would pass; otherwise it is how long until the current window ends. A refused
   * request counts nothing: a client that keeps knocking is held at its limit. A client that spent
   * its whole limit in this window waits for the rest of it and then until this window's count,
   * weighed in the next, leaves room: up to window + window / limit in all.
   */
  private static final RedisScript<String> COUNT =
      RedisScript.of(
          """
          local time = redis.call('TIME')
          local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
          local window = tonumber(ARGV[1])
          local limit = tonumber(ARGV[2])
          local wanted = tonumber(ARGV[3])
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
          local granted = math.min(wanted, limit - weighted - current)
          current = current + granted
          redis.call('HSET', KEYS[1], 'w', index, 'c', current, 'p', previous)
          redis.call('PEXPIRE', KEYS[1], 2 * window)
          return granted .. ':' .. (limit - weighted - current) .. ':' .. untilNextWindow
          """,
          String.class);

  /**
   * The outcome of one call: how many requests were counted (0: refused), what the limit has left
   * after them, and when one more request may pass (refused) or the window ends (granted).
   */
  record Grant(long granted, long remaining, long millisUntilReset) {}

  private final ReactiveStringRedisTemplate redis;

  SlidingWindowCounter(ReactiveStringRedisTemplate redis) {
    this.redis = redis;
  }

  /**
   * Counts up to {@code wanted} requests against {@code limit} per {@code window}: as many as the
   * limit still has room for, or none.
   */
  Mono<Grant> count(String key, long limit, Duration window, int wanted) {
    List<String> args =
        List.of(Long.toString(window.toMillis()), Long.toString(limit), Integer.toString(wanted));
    return redis.execute(COUNT, List.of(key), args).next().map(SlidingWindowCounter::parse);
  }

  private static Grant parse(String reply) {
    int first = reply.indexOf(':');
    int second = reply.indexOf(':', first + 1);
    return new Grant(
        Long.parseLong(reply, 0, first, 10),
        Long.parseLong(reply, first + 1, second, 10),
        Long.parseLong(reply, second + 1, reply.length(), 10));
  }
}
