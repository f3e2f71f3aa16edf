package com.acme.saas.gateway.support;

import com.acme.saas.gateway.GatewayApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another gateway replica in the same JVM, configured like the test's own but for the overrides.
 */
public final class SecondGateway implements AutoCloseable {

  private static final String[] SHARED = {
    "saas.security.jwks-uri",
    "saas.security.issuer",
    "saas.security.audience",
    "spring.data.redis.host",
    "spring.data.redis.port",
    "saas.gateway.services.auth",
    "saas.gateway.services.users",
    "saas.gateway.services.tasks",
    "saas.gateway.services.billing",
    "saas.gateway.services.flags",
    "saas.gateway.rate-limit.key-prefix",
    "spring.cloud.gateway.server.webflux.trusted-proxies"
  };

  private final ConfigurableApplicationContext context;

  private SecondGateway(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static SecondGateway start(Environment like, Map<String, String> overrides) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (String name : SHARED) {
      String value = like.getProperty(name);
      if (value != null) {
        properties.put(name, value);
      }
    }
    properties.put("server.port", "0");
    properties.put("management.server.port", "0");
    properties.putAll(overrides);
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SecondGateway(new SpringApplicationBuilder(GatewayApplication.class).run(args));
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Override
  public void close() {
    context.close();
  }
}
