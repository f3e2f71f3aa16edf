package com.acme.saas.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service the way {@code java -jar} would, outside a Spring test context, on a fresh
 * database of the harness with the test broker and JWKS: for tests of what a service refuses at
 * start. Close the context it returns.
 */
public final class StandaloneService {

  private StandaloneService() {}

  /**
   * @param settings the service's own settings on top of the harness's
   * @param overrides {@code --name=value} replaces a setting, {@code --name} alone leaves it unset
   */
  public static ConfigurableApplicationContext start(
      Class<?> application, Map<String, String> settings, String... overrides) {
    Infrastructure infrastructure = Infrastructure.get();
    String database = infrastructure.createDatabase(application.getSimpleName());
    Map<String, String> all = new LinkedHashMap<>();
    all.put("server.port", "0");
    all.put("spring.datasource.url", infrastructure.jdbcUrl(database));
    all.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
    all.put("saas.security.jwks-uri", TestTokens.jwksUri().toString());
    all.put("saas.security.issuer", TestTokens.ISSUER);
    all.put("saas.security.audience", TestTokens.AUDIENCE);
    all.putAll(settings);
    for (String override : overrides) {
      String[] nameAndValue = override.substring(2).split("=", 2);
      if (nameAndValue.length == 1) {
        all.remove(nameAndValue[0]);
      } else {
        all.put(nameAndValue[0], nameAndValue[1]);
      }
    }
    String[] arguments =
        all.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(application).run(arguments);
  }
}
