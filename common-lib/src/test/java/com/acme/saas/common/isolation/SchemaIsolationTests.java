package com.acme.saas.common.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.testsupport.Infrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The roles and schemas of infra/postgres: each service sees its own schema and nothing else. */
class SchemaIsolationTests {

  static String database;

  @BeforeAll
  static void createTableAsTaskService() throws SQLException {
    database = Infrastructure.get().createDatabase("isolation");
    try (Connection tasks = Infrastructure.get().roleConnection(database, "task_service");
        Statement s = tasks.createStatement()) {
      s.execute("create table task (id int primary key, title text)");
      s.execute("insert into task values (1, 'secret plans')");
    }
  }

  @Test
  void aServiceRoleWorksInItsOwnSchema() throws SQLException {
    try (Connection tasks = Infrastructure.get().roleConnection(database, "task_service");
        Statement s = tasks.createStatement();
        var rows = s.executeQuery("select current_schema(), count(*) from task")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("tasks");
      assertThat(rows.getInt(2)).isEqualTo(1);
    }
  }

  @Test
  void anotherServiceRoleCannotReadIt() throws SQLException {
    try (Connection users = Infrastructure.get().roleConnection(database, "user_service");
        Statement s = users.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select * from tasks.task"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied for schema tasks");
    }
  }

  @Test
  void aServiceRoleCannotCreateObjectsOutsideItsSchema() throws SQLException {
    try (Connection users = Infrastructure.get().roleConnection(database, "user_service");
        Statement s = users.createStatement()) {
      assertThatThrownBy(() -> s.execute("create table public.leak (x int)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied for schema public");
      assertThatThrownBy(() -> s.execute("create schema sneaky"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void everyServiceHasItsSchemaOwnedByItsRole() throws SQLException {
    try (Connection admin = Infrastructure.get().superuserConnection(database);
        Statement s = admin.createStatement();
        var rows =
            s.executeQuery(
                "select nspname || '=' || pg_get_userbyid(nspowner) from pg_namespace"
                    + " where nspname in ('auth','users','tasks','billing','flags') order by 1")) {
      java.util.List<String> owners = new java.util.ArrayList<>();
      while (rows.next()) {
        owners.add(rows.getString(1));
      }
      assertThat(owners)
          .containsExactly(
              "auth=auth_service",
              "billing=billing_service",
              "flags=flags_service",
              "tasks=task_service",
              "users=user_service");
    }
  }
}
