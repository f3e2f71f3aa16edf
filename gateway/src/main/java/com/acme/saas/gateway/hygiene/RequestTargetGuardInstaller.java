package com.acme.saas.gateway.hygiene;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** Puts a {@link RequestTargetGuard} right behind the HTTP decoder of every connection. */
@Component
final class RequestTargetGuardInstaller implements NettyServerCustomizer {

  private final JsonMapper json;

  RequestTargetGuardInstaller(JsonMapper json) {
    this.json = json;
  }

  @Override
  public HttpServer apply(HttpServer server) {
    return server.doOnChannelInit(
        (observer, channel, remoteAddress) -> {
          if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel
                .pipeline()
                .addAfter(
                    NettyPipeline.HttpCodec,
                    "saas.requestTargetGuard",
                    new RequestTargetGuard(json));
          }
        });
  }
}
