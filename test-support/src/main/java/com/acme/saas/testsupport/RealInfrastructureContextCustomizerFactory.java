package com.acme.saas.testsupport;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Wires {@link RealInfrastructure} test classes to a fresh database, Redis, Kafka and the test
 * JWKS.
 */
public final class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public @Nullable ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    boolean annotated =
        MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
            .isPresent(RealInfrastructure.class);
    return annotated ? new Customizer(testClass) : null;
  }

  /** One per test class: each class gets its own context and its own database. */
  private record Customizer(Class<?> testClass) implements ContextCustomizer {

    private static final String INLINED = "Inlined Test Properties";

    @Override
    public void customizeContext(
        org.springframework.context.ConfigurableApplicationContext context,
        org.springframework.test.context.MergedContextConfiguration mergedConfig) {
      Infrastructure infrastructure = Infrastructure.get();
      String database = infrastructure.createDatabase(testClass.getSimpleName());
      ConfigurableEnvironment environment = context.getEnvironment();
      Map<String, Object> properties = new java.util.HashMap<>();
      properties.put("spring.datasource.url", infrastructure.jdbcUrl(database));
      if (infrastructure.containers) {
        properties.put("spring.datasource.password", Infrastructure.CONTAINER_ROLE_PASSWORD);
      }
      properties.put("spring.data.redis.host", infrastructure.redisHost());
      properties.put("spring.data.redis.port", infrastructure.redisPort());
      properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
      properties.put("saas.test.database", database);
      properties.put("saas.security.jwks-uri", TestTokens.jwksUri().toString());
      properties.put("saas.security.issuer", TestTokens.ISSUER);
      properties.put("saas.security.audience", TestTokens.AUDIENCE);
      // Infrastructure wins over application.yml; @SpringBootTest(properties = ...) wins over it.
      MapPropertySource source = new MapPropertySource("realInfrastructure", properties);
      if (environment.getPropertySources().contains(INLINED)) {
        environment.getPropertySources().addAfter(INLINED, source);
      } else {
        environment.getPropertySources().addFirst(source);
      }
    }
  }
}
