package com.acme.saas.auth;

import com.acme.saas.testsupport.TestClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's {@code Clock} as a {@link TestClock}, for tests that move past a token's lifetime:
 * {@code @Import(MovableTime.class)}, then {@code clock.reset()} before each test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableTime {

  @Bean
  @Primary
  TestClock testClock() {
    return new TestClock();
  }
}
