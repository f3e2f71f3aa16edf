package com.acme.saas.gateway.auth;

import com.acme.saas.common.security.VerifiedToken;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.gateway.FilterOrder;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets public requests through; every other routed request needs a valid bearer token whose role
 * the access table allows. The token itself is relayed to the service, which verifies it again.
 */
@Component
final class AuthenticationFilter implements GlobalFilter, Ordered {

  private static final String BEARER = "Bearer ";

  private final AccessTable access;
  private final NonBlockingVerifier tokens;

  AuthenticationFilter(AccessTable access, NonBlockingVerifier tokens) {
    this.access = access;
    this.tokens = tokens;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    HttpMethod method = request.getMethod();
    PathContainer path = request.getPath().pathWithinApplication();
    if (access.isPublic(method, path)) {
      return chain.filter(exchange);
    }
    String token = bearerToken(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      return Mono.error(
          new ApiException(ErrorCode.TOKEN_MISSING, "A bearer access token is required"));
    }
    return tokens.verify(token).flatMap(user -> authorize(exchange, chain, method, path, user));
  }

  private Mono<Void> authorize(
      ServerWebExchange exchange,
      GatewayFilterChain chain,
      HttpMethod method,
      PathContainer path,
      VerifiedToken user) {
    if (!access.permits(method, path, user.role())) {
      return Mono.error(
          new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS, "Your role may not use this route"));
    }
    Caller.set(exchange, user);
    return chain.filter(exchange);
  }

  private static @Nullable String bearerToken(@Nullable String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }

  @Override
  public int getOrder() {
    return FilterOrder.AUTHENTICATION;
  }
}
