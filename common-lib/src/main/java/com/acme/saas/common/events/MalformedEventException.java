package com.acme.saas.common.events;

/**
 * A record that can never be applied, however often it is retried: it goes to the dead-letter
 * topic.
 */
public class MalformedEventException extends RuntimeException {
  public MalformedEventException(String message) {
    super(message);
  }
}
