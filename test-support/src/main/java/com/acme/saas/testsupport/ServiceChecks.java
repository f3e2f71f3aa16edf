package com.acme.saas.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Assertions every service must pass, whatever its features. */
public final class ServiceChecks {

  private ServiceChecks() {}

  /**
   * The service answers its readiness probe, refuses an API call without a token, and has migrated
   * its own schema (with common-lib's outbox and processed_events tables) as its own role.
   */
  public static void assertServesWithItsOwnSchema(
      int port, String database, String schema, String role) {
    HttpApi api = HttpApi.local(port);
    HttpApi.Response readiness = api.get("/actuator/health/readiness", null);
    assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
    HttpApi.Response anonymous = api.get("/api/v1/anything", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.errorCode()).isEqualTo("TOKEN_MISSING");
    try (Connection c = Infrastructure.get().superuserConnection(database);
        Statement s = c.createStatement();
        ResultSet tables =
            s.executeQuery(
                "select string_agg(tablename || ':' || tableowner, ',' order by tablename) from pg_tables"
                    + " where schemaname = '"
                    + schema
                    + "' and tablename in ('outbox', 'processed_events')")) {
      tables.next();
      assertThat(tables.getString(1)).isEqualTo("outbox:" + role + ",processed_events:" + role);
    } catch (SQLException e) {
      throw new AssertionError("Could not inspect schema " + schema + " of " + database, e);
    }
  }
}
