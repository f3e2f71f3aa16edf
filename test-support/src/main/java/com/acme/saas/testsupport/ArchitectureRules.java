package com.acme.saas.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The suite's architecture rules. Each module checks its own main classes against them with a class
 * of its own: {@code @AnalyzeClasses(packagesOf = ...)} and {@code @ArchTest ArchTests rules =
 * ArchTests.in(ArchitectureRules.class)}.
 */
public final class ArchitectureRules {

  private static final String OUTBOX_PACKAGE = "com.acme.saas.common.outbox";

  /** SQL that changes the outbox table, in any schema. */
  private static final Pattern OUTBOX_WRITE =
      Pattern.compile(
          "(?is).*\\b(insert\\s+into|update|delete\\s+from|truncate)\\s+(\\w+\\.)?outbox\\b.*");

  /** Controllers speak HTTP and call their feature; the SQL stays behind the feature's API. */
  @ArchTest
  public static final ArchRule CONTROLLERS_DO_NOT_TOUCH_STORAGE =
      noClasses()
          .that()
          .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
          .should()
          .dependOnClassesThat()
          .haveSimpleNameEndingWith("Repository")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("javax.sql.DataSource")
          .because("a controller is HTTP only; its feature's service owns the transaction and SQL")
          .allowEmptyShould(true);

  /** A feature's repository is used by its own package only; other features call its API. */
  @ArchTest
  public static final ArchRule REPOSITORIES_STAY_IN_THEIR_FEATURE =
      classes()
          .that()
          .haveSimpleNameEndingWith("Repository")
          .should(beUsedOnlyFromTheirOwnPackage())
          .allowEmptyShould(true);

  /** Events leave through OutboxWriter in the writer's transaction; only the outbox moves rows. */
  @ArchTest
  public static final ArchRule ONLY_THE_OUTBOX_WRITES_THE_OUTBOX_TABLE =
      noClasses()
          .that()
          .resideOutsideOfPackage(OUTBOX_PACKAGE + "..")
          .should(writeTheOutboxTableInSql())
          .because("OutboxWriter is the one way in, the relay the one way out");

  /**
   * A module's feature packages ({@code com.acme.saas.<module>.<feature>}) depend on each other in
   * one direction: a feature builds on those below it and never back, so each can be read, and
   * changed, from the bottom up.
   */
  @ArchTest
  public static final ArchRule FEATURES_DEPEND_ONE_WAY =
      slices()
          .matching("com.acme.saas.(*).(*)..")
          .namingSlices("$1.$2")
          .should()
          .beFreeOfCycles()
          .allowEmptyShould(true);

  private ArchitectureRules() {}

  private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
    return new ArchCondition<>("be used only from their own package") {
      @Override
      public void check(JavaClass repository, ConditionEvents events) {
        for (Dependency dependency : repository.getDirectDependenciesToSelf()) {
          JavaClass user = dependency.getOriginClass();
          if (!user.getPackageName().equals(repository.getPackageName())) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> writeTheOutboxTableInSql() {
    return new ArchCondition<>("write the outbox table in SQL") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        // ArchUnit sees no constants: read the string literals from the class file itself.
        for (String literal : stringConstants(javaClass)) {
          if (OUTBOX_WRITE.matcher(literal).matches()) {
            events.add(
                SimpleConditionEvent.satisfied(
                    javaClass,
                    javaClass.getName() + " has SQL that writes the outbox: " + literal));
          }
        }
      }
    };
  }

  private static List<String> stringConstants(JavaClass javaClass) {
    String resource = javaClass.getName().replace('.', '/') + ".class";
    ClassLoader loader = ArchitectureRules.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("class file not found on the class path: " + resource);
      }
      List<String> strings = new ArrayList<>();
      for (PoolEntry entry : ClassFile.of().parse(in.readAllBytes()).constantPool()) {
        if (entry instanceof StringEntry string) {
          strings.add(string.stringValue());
        }
      }
      return strings;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
