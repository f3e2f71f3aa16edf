package com.acme.saas.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.saas.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rules catch what they name, on small classes made to break them. */
class ArchitectureRulesTests {

  private final JavaClasses classes =
      new ClassFileImporter().importPackages(getClass().getPackageName() + "..");

  @Test
  void aRepositoryUsedFromAnotherPackageIsReported() {
    assertThatThrownBy(() -> ArchitectureRules.REPOSITORIES_STAY_IN_THEIR_FEATURE.check(classes))
        .hasMessageContaining("TaskReport")
        .hasMessageContaining("InvoiceRepository");
  }

  @Test
  void sqlThatWritesTheOutboxIsReportedButReadingItIsNot() {
    assertThatThrownBy(
            () -> ArchitectureRules.ONLY_THE_OUTBOX_WRITES_THE_OUTBOX_TABLE.check(classes))
        .hasMessageContaining("InvoiceRepository has SQL that writes the outbox")
        .hasMessageNotContaining("TaskReport has SQL");
  }

  @Test
  void featuresThatCallEachOtherAreReported() {
    JavaClasses cycle = new ClassFileImporter().importPackages("com.acme.saas.cyclefixture");
    assertThatThrownBy(() -> ArchitectureRules.FEATURES_DEPEND_ONE_WAY.check(cycle))
        .hasMessageContaining("cyclefixture.orders")
        .hasMessageContaining("cyclefixture.invoices");
    JavaClasses oneWay = new ClassFileImporter().importPackages(getClass().getPackageName() + "..");
    assertThatCode(() -> ArchitectureRules.FEATURES_DEPEND_ONE_WAY.check(oneWay))
        .doesNotThrowAnyException();
  }

  @Test
  void classesThatKeepTheRulesPass() {
    JavaClasses tasksOnly =
        new ClassFileImporter().importPackages(getClass().getPackageName() + ".tasks");
    assertThatCode(() -> ArchitectureRules.ONLY_THE_OUTBOX_WRITES_THE_OUTBOX_TABLE.check(tasksOnly))
        .doesNotThrowAnyException();
  }
}
