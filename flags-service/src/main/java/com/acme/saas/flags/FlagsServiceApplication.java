package com.acme.saas.flags;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.DeserializationFeature;

@SpringBootApplication
public class FlagsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(FlagsServiceApplication.class, args);
  }

  /** A rollout of 50.5 % is a client error, not 50 %: integer fields refuse fractions. */
  @Bean
  JsonMapperBuilderCustomizer integersRefuseFractions() {
    return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }
}
