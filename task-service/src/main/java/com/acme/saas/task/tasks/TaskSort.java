package com.acme.saas.task.tasks;

import com.acme.saas.common.web.ApiException;
import java.util.Locale;
import java.util.Map;

/**
 * The order of a task list, from {@code sort=<field>,<asc|desc>}; the column comes from a fixed
 * map.
 */
record TaskSort(String column, boolean ascending) {

  static final String DEFAULT = "createdAt,desc";

  private static final Map<String, String> COLUMNS =
      Map.of(
          "createdAt",
          "created_at",
          "updatedAt",
          "updated_at",
          "dueDate",
          "due_date",
          "title",
          "title");

  static TaskSort parse(String sort) {
    String[] parts = sort.split(",", -1);
    String column = parts.length == 2 ? COLUMNS.get(parts[0].strip()) : null;
    String direction = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "";
    if (column == null || !(direction.equals("asc") || direction.equals("desc"))) {
      throw ApiException.validation(
          "sort must be <field>,<asc|desc> with field one of createdAt, updatedAt, dueDate, title");
    }
    return new TaskSort(column, direction.equals("asc"));
  }

  /** The ORDER BY clause; id breaks ties so that consecutive pages never overlap. */
  String orderBy() {
    String direction = ascending ? "asc" : "desc";
    return " order by " + column + " " + direction + ", id " + direction;
  }
}
