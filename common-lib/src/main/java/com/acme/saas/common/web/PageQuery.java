package com.acme.saas.common.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Pagination query parameters ({@code page} from 1, {@code pageSize} 1..100, default 20). Bind it
 * in a controller as {@code @Valid PageQuery page}; out-of-range values answer 400.
 */
public record PageQuery(@Min(1) Integer page, @Min(1) @Max(100) Integer pageSize) {

  public static final int DEFAULT_PAGE_SIZE = 20;

  @SuppressWarnings("ConstantValue") // unbound query parameters arrive as null
  public PageQuery {
    page = page == null ? 1 : page;
    pageSize = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
  }

  public long offset() {
    return (long) (page - 1) * pageSize;
  }
}
