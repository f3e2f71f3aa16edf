package com.acme.saas.common.web;

import java.util.List;

/** List envelope: {@code {"data": [...], "meta": {"total", "page", "pageSize", "totalPages"}}}. */
public record PageResponse<T>(List<T> data, PageMeta meta) {

  public record PageMeta(long total, int page, int pageSize, long totalPages) {}

  public static <T> PageResponse<T> of(List<T> items, PageQuery query, long total) {
    long totalPages = (total + query.pageSize() - 1) / query.pageSize();
    return new PageResponse<>(
        items, new PageMeta(total, query.page(), query.pageSize(), totalPages));
  }
}
