package com.acme.saas.common.events;

/** Topic names of the Kafka contract. */
public final class Topics {
  public static final String USER_EVENTS = "user-events";
  public static final String SUBSCRIPTION_EVENTS = "subscription-events";

  /** spring-kafka's default dead-letter naming. */
  public static final String DEAD_LETTER_SUFFIX = "-dlt";

  private Topics() {}

  public static String deadLetter(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }
}
