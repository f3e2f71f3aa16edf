package com.acme.saas.gateway.hygiene;

import java.net.InetSocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client's IP address: the peer's, unless the peer is a trusted proxy ({@code
 * spring.cloud.gateway.server.webflux.trusted-proxies}); then the right-most {@code
 * X-Forwarded-For} entry that is not itself a trusted proxy.
 */
@Component
public final class ClientAddress {

  private final @Nullable TrustedProxies trusted;

  ClientAddress(GatewayProperties gateway) {
    String proxies = gateway.getTrustedProxies();
    this.trusted = StringUtils.hasText(proxies) ? TrustedProxies.from(proxies) : null;
  }

  public String of(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    String peer =
        remote == null || remote.getAddress() == null
            ? "unknown"
            : remote.getAddress().getHostAddress();
    if (trusted == null || !trusted.isTrusted(peer)) {
      return peer;
    }
    List<String> forwardedFor =
        exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
    for (int i = forwardedFor.size() - 1; i >= 0; i--) {
      String hop = forwardedFor.get(i).trim();
      if (!hop.isEmpty() && !trusted.isTrusted(hop)) {
        return hop;
      }
    }
    return peer;
  }
}
