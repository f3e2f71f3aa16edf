package com.acme.saas.gateway.hygiene;

import com.acme.saas.common.security.RequestPattern;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.gateway.FilterOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies over the limit with 413: at once when {@code Content-Length} says so, otherwise
 * (chunked bodies) as soon as the bytes streamed past it. The bytes themselves pass untouched.
 */
@Component
@Order(FilterOrder.BODY_LIMIT)
final class BodyLimitFilter implements WebFilter {

  private record Limit(RequestPattern pattern, long maxBytes) {}

  private final long defaultMaxBytes;
  private final List<Limit> overrides;

  BodyLimitFilter(BodyLimitProperties properties) {
    this.defaultMaxBytes = properties.maxSize().toBytes();
    this.overrides =
        properties.overrides().stream()
            .map(
                override ->
                    new Limit(
                        RequestPattern.parse(override.request()), override.maxSize().toBytes()))
            .toList();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    long maxBytes = maxBytes(request);
    long declared = request.getHeaders().getContentLength();
    if (declared > maxBytes) {
      return Mono.error(tooLarge(maxBytes));
    }
    if (declared >= 0) {
      return chain.filter(exchange);
    }
    ServerHttpRequest counted =
        new ServerHttpRequestDecorator(request) {
          @Override
          public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody()
                .handle(
                    (buffer, sink) -> {
                      if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge(maxBytes));
                      } else {
                        sink.next(buffer);
                      }
                    });
          }
        };
    return chain.filter(exchange.mutate().request(counted).build());
  }

  private long maxBytes(ServerHttpRequest request) {
    for (Limit limit : overrides) {
      if (limit.pattern().matches(request.getMethod(), request.getPath().pathWithinApplication())) {
        return limit.maxBytes();
      }
    }
    return defaultMaxBytes;
  }

  private static ApiException tooLarge(long maxBytes) {
    return new ApiException(
        ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than " + maxBytes + " bytes");
  }
}
