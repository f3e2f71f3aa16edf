package com.acme.saas.common.web;

import java.time.Instant;

/** Success envelope: {@code {"data": ..., "meta": {"timestamp": ...}}}. */
public record ApiResponse<T>(T data, Meta meta) {

  public record Meta(Instant timestamp) {}

  public static <T> ApiResponse<T> of(T data) {
    return new ApiResponse<>(data, new Meta(Instant.now()));
  }
}
