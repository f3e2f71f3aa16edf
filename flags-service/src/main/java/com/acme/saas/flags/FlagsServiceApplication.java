package com.acme.saas.flags;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FlagsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(FlagsServiceApplication.class, args);
  }
}
