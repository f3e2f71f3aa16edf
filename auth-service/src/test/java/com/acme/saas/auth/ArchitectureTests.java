package com.acme.saas.auth;

import com.acme.saas.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The suite's rules but one: the features above {@code accounts} (sessions, verification,
 * registration, erasure, passwords) still call its {@code AccountRepository}, so {@link
 * ArchitectureRules#REPOSITORIES_STAY_IN_THEIR_FEATURE} does not hold here yet.
 */
@AnalyzeClasses(
    packagesOf = AuthServiceApplication.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest
  static final ArchRule controllersDoNotTouchStorage =
      ArchitectureRules.CONTROLLERS_DO_NOT_TOUCH_STORAGE;

  @ArchTest
  static final ArchRule onlyTheOutboxWritesTheOutboxTable =
      ArchitectureRules.ONLY_THE_OUTBOX_WRITES_THE_OUTBOX_TABLE;

  @ArchTest static final ArchRule featuresDependOneWay = ArchitectureRules.FEATURES_DEPEND_ONE_WAY;
}
