package com.acme.saas.gateway.bench.stock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Stock Spring Cloud Gateway as its documentation sets it up; everything is in application.yml. */
@SpringBootApplication
public class StockBareGateway {
  public static void main(String[] args) {
    SpringApplication.run(StockBareGateway.class, args);
  }
}
