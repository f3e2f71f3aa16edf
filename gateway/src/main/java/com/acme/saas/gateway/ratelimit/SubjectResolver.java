package com.acme.saas.gateway.ratelimit;

import com.acme.saas.common.security.VerifiedToken;
import com.acme.saas.gateway.auth.Caller;
import com.acme.saas.gateway.hygiene.ClientAddress;
import com.acme.saas.gateway.ratelimit.RateLimitProperties.Key;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whose requests a policy counts together (the role of Spring Cloud Gateway's {@code KeyResolver}):
 * the verified caller for a per-user policy, else the client's address as {@link ClientAddress}
 * tells it (the peer, or {@code X-Forwarded-For} from a trusted proxy).
 */
@Component
final class SubjectResolver {

  private final ClientAddress clientAddress;

  SubjectResolver(ClientAddress clientAddress) {
    this.clientAddress = clientAddress;
  }

  String subjectOf(ServerWebExchange exchange, Key key) {
    VerifiedToken caller = Caller.of(exchange);
    if (key == Key.USER && caller != null) {
      return "user:" + caller.userId();
    }
    return "ip:" + clientAddress.of(exchange);
  }
}
