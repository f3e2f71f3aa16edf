package com.acme.saas.common.web;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The envelope, the error catalogue, request ids and body limits for every Spring MVC service. */
@AutoConfiguration(
    beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class WebAutoConfiguration {

  /**
   * Unknown request fields are rejected, so a body can never set what the API does not name; an
   * integer field refuses a fraction (2.5 is a client error, not 2); a string refuses U+0000 and
   * unpaired surrogates ({@link WellFormedText}); a date is an RFC 3339 full-date ({@link
   * FullDate}).
   */
  @Bean
  JsonMapperBuilderCustomizer strictRequestBodies() {
    return builder ->
        builder
            .addModule(
                new SimpleModule("well-formed-input")
                    .addDeserializer(String.class, new WellFormedText())
                    .addDeserializer(LocalDate.class, new FullDate()))
            .enable(
                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  /** JSON whatever {@code Accept} says (see {@link JsonAlwaysAcceptable}). */
  @Bean
  WebMvcConfigurer jsonWhateverTheClientAccepts() {
    return new WebMvcConfigurer() {
      @Override
      public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new JsonAlwaysAcceptable()));
      }
    };
  }

  @Bean
  ErrorResponseWriter errorResponseWriter(JsonMapper jsonMapper) {
    return new ErrorResponseWriter(jsonMapper);
  }

  @Bean
  FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
    FilterRegistrationBean<RequestIdFilter> registration =
        new FilterRegistrationBean<>(new RequestIdFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
      WebProperties properties, ErrorResponseWriter errors) {
    FilterRegistrationBean<BodySizeLimitFilter> registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodySize(), errors));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ErrorResponseWriter errors) {
    FilterRegistrationBean<ContentTypeFilter> registration =
        new FilterRegistrationBean<>(new ContentTypeFilter(errors));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  @Bean
  GlobalErrorHandler globalErrorHandler(JsonMapper jsonMapper) {
    return new GlobalErrorHandler(jsonMapper);
  }

  @Bean
  EnvelopeErrorController envelopeErrorController() {
    return new EnvelopeErrorController();
  }

  /** Tomcat's own error answers in the envelope too (see {@link EnvelopeErrorReportValve}). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
  static class TomcatErrors {

    @Bean
    EnvelopeErrorReportValve.Installer envelopeErrorReportValve(ErrorResponseWriter errors) {
      return new EnvelopeErrorReportValve.Installer(errors);
    }
  }
}
