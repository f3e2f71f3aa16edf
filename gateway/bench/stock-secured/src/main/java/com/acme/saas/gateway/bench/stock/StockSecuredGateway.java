package com.acme.saas.gateway.bench.stock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Stock Spring Cloud Gateway as its documentation sets it up; everything is in application.yml. */
@SpringBootApplication
public class StockSecuredGateway {
  public static void main(String[] args) {
    SpringApplication.run(StockSecuredGateway.class, args);
  }
}
