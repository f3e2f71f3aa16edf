package com.acme.saas.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.Infrastructure;
import com.acme.saas.testsupport.StandaloneService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A service whose database was migrated before common-lib's {@code V0_3__outbox_attempts} (its own
 * V1 applied after common-lib's 0.1 and 0.2) starts and gets the outbox's new columns.
 */
class OutboxUpgradeTests {

  @Test
  void aDatabaseMigratedBeforeTheAttemptsColumnsGetsThemAtTheNextStart(@TempDir Path before)
      throws IOException, SQLException {
    copy("db/saas-common/V0_1__outbox.sql", before);
    copy("db/saas-common/V0_2__processed_events.sql", before);
    copy("db/probe/V1__probe.sql", before);
    String database = Infrastructure.get().createDatabase("outboxupgrade");
    String url = Infrastructure.get().jdbcUrl(database);
    try (Connection superuser = Infrastructure.get().superuserConnection(database)) {
      Flyway.configure()
          .dataSource(new SingleConnectionDataSource(superuser, true))
          .schemas("probe")
          .defaultSchema("probe")
          .createSchemas(true)
          .locations("filesystem:" + before)
          .load()
          .migrate();
    }

    try (ConfigurableApplicationContext service =
        StandaloneService.start(ProbeApplication.class, Map.of("spring.datasource.url", url))) {
      JdbcClient jdbc = service.getBean(JdbcClient.class);
      List<String> columns =
          jdbc.sql(
                  "select column_name from information_schema.columns where table_schema = 'probe' and table_name = 'outbox'")
              .query(String.class)
              .list();
      assertThat(columns).contains("attempts", "last_error", "last_attempt_at", "next_attempt_at");
    }
  }

  private static void copy(String resource, Path folder) throws IOException {
    try (InputStream in = OutboxUpgradeTests.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Files.copy(in, folder.resolve(Path.of(resource).getFileName()));
    }
  }
}
