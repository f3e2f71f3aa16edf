package com.acme.saas.gateway.ratelimit;

/**
 * Whether one request passes its rate limit, what the limit has left, and when one more request may
 * pass (refused) or the current window ends (passed).
 */
record Decision(boolean allowed, long remaining, long millisUntilReset) {

  static Decision of(SlidingWindowCounter.Grant grant) {
    return new Decision(grant.granted() > 0, grant.remaining(), grant.millisUntilReset());
  }
}
