package com.acme.saas.common.probe;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ApiResponse;
import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.PageResponse;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProbeController {

  private final ProbeEvents events;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final DataSource dataSource;

  ProbeController(
      ProbeEvents events,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      DataSource dataSource) {
    this.events = events;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.dataSource = dataSource;
  }

  /** As above, inside a transaction: its rollback then fails on the dead session too. */
  @GetMapping("/probe/database-cut-in-transaction")
  ApiResponse<Object> databaseCutInTransaction() {
    return ApiResponse.of(
        transactions.execute(
            status ->
                jdbc.sql("select pg_terminate_backend(pg_backend_pid())").query().singleValue()));
  }

  /** The session is cut by another one between the transaction's work and its commit. */
  @GetMapping("/probe/database-cut-before-commit")
  ApiResponse<Object> databaseCutBeforeCommit() {
    return ApiResponse.of(
        transactions.execute(
            status -> {
              Object pid = jdbc.sql("select pg_backend_pid()").query().singleValue();
              try (Connection other = dataSource.getConnection();
                  Statement statement = other.createStatement()) {
                statement.execute("select pg_terminate_backend(" + pid + ", 5000)");
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
              return pid;
            }));
  }

  /** The database picks this request's transaction as a deadlock's victim. */
  @GetMapping("/probe/deadlock")
  ApiResponse<Object> deadlock() {
    return ApiResponse.of(
        jdbc.sql("do $$ begin raise exception 'deadlock detected' using errcode = '40P01'; end $$")
            .update());
  }

  /**
   * The request's own database session is cut under it, as pg_terminate_backend by an operator
   * does.
   */
  @GetMapping("/probe/database-cut")
  ApiResponse<Object> databaseCut() {
    return ApiResponse.of(
        jdbc.sql("select pg_terminate_backend(pg_backend_pid())").query().singleValue());
  }

  record ItemRequest(@NotBlank @Size(max = 20) String name, @Min(1) @Max(10) int count) {}

  record OrderRequest(@NotEmpty List<@Valid OrderLine> items) {}

  record OrderLine(@NotBlank String title, @JsonProperty("unit_price") @Min(0) int unitPrice) {}

  /**
   * The constrained {@code dry-run} parameter turns on method validation, as on the services' list
   * routes.
   */
  @PostMapping("/probe/orders")
  @ResponseStatus(HttpStatus.CREATED)
  ApiResponse<OrderRequest> order(
      @Valid @RequestBody OrderRequest order,
      @RequestParam(name = "dry-run", defaultValue = "no") @Pattern(regexp = "yes|no")
          String dryRun) {
    return ApiResponse.of(order);
  }

  @GetMapping("/probe/search")
  PageResponse<Integer> search(
      @Valid PageQuery page,
      @RequestParam(name = "q", required = false) @Nullable @Size(max = 5) String text) {
    return PageResponse.of(List.of(), page, 45);
  }

  @PostMapping("/probe/items")
  @ResponseStatus(HttpStatus.CREATED)
  ApiResponse<ItemRequest> create(@Valid @RequestBody ItemRequest request) {
    return ApiResponse.of(request);
  }

  @GetMapping("/probe/items/{id}")
  ApiResponse<String> item(@PathVariable UUID id) {
    throw ApiException.notFound("Item", id);
  }

  @GetMapping("/probe/page")
  PageResponse<Integer> page(@Valid PageQuery page) {
    return PageResponse.of(List.of(), page, 45);
  }

  @GetMapping("/probe/boom")
  ApiResponse<String> boom() {
    throw new IllegalStateException("select * from secret_table where password = 'hunter2'");
  }

  @GetMapping("/probe/public")
  ApiResponse<String> open() {
    return ApiResponse.of("open");
  }

  @GetMapping("/probe/me")
  ApiResponse<CurrentUser> me(CurrentUser user) {
    return ApiResponse.of(user);
  }

  @GetMapping("/probe/admin")
  @PreAuthorize("hasRole('ADMIN')")
  ApiResponse<String> admin() {
    return ApiResponse.of("admin");
  }

  /** Deletes a user: writes UserDeleted through the outbox, then fails when asked to. */
  @PostMapping("/probe/users/{id}/delete")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean fail) {
    events.deleteUser(id, fail);
  }
}
