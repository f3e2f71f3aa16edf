package com.acme.saas.common.openapi;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.security.TokenProperties;
import com.acme.saas.common.security.TokenVerificationAutoConfiguration;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashSet;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * The suite's conventions on the document springdoc generates, where springdoc is on the class
 * path.
 */
@AutoConfiguration(after = TokenVerificationAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnBean(TokenProperties.class)
public class OpenApiAutoConfiguration {

  static {
    // The caller comes from the verified token (CurrentUserArgumentResolver), not from the request.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    // A JsonNode (an OFREP context, an audit entry's before and after) is any JSON value;
    // springdoc would describe Jackson's node class and its getters instead.
    SpringDocUtils.getConfig()
        .replaceWithSchema(
            JsonNode.class,
            new Schema<>()
                .types(
                    new LinkedHashSet<>(
                        List.of("object", "array", "string", "number", "boolean", "null")))
                .additionalProperties(true)
                .description("Any JSON value"));
  }

  @Bean
  OpenApiConventions openApiConventions(
      @Value("${spring.application.name}") String name, TokenProperties tokens) {
    return new OpenApiConventions(name, tokens.publicPaths());
  }

  @Bean
  OperationCustomizer errorResponses() {
    return OpenApiConventions.errorResponses();
  }
}
