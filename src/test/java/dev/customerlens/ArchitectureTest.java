package dev.customerlens;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.customerlens");

  @Test
  void coreDoesNotDependOnTheBoundaries() {
    noClasses().that().resideInAnyPackage("..data..", "..generate..", "..rules..", "..persona..", "..predict..",
            "..recommend..", "..analysis..", "..export..", "..events..", "..clv..", "..chart..", "..score..",
            "..errors..", "..timeline..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.customerlens.cli..", "dev.customerlens.api..", "dev.customerlens.kernel..",
            "dev.customerlens.report..",
            "picocli..", "io.javalin..", "org.dflib..", "me.tongfei..")
        .check(CLASSES);
  }

  @Test
  void noPackageDependsOnAnotherThatDependsBackOnIt() {
    slices().assignedFrom(TOP_LEVEL_PACKAGES).should().beFreeOfCycles().check(CLASSES);
  }

  /** Each class's package below dev.customerlens, the root package (CustomerAnalytics and friends) included. */
  private static final SliceAssignment TOP_LEVEL_PACKAGES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String name = javaClass.getPackageName();
      if (!name.startsWith("dev.customerlens")) return SliceIdentifier.ignore();
      String below = name.substring("dev.customerlens".length());
      return SliceIdentifier.of(below.isEmpty() ? "(root)" : below.substring(1).split("\\.")[0]);
    }

    @Override
    public String getDescription() {
      return "top-level packages of dev.customerlens";
    }
  };

  @Test
  void readingDoesNotDependOnAnalysis() {
    noClasses().that().resideInAnyPackage("..data..", "..rules..", "..events..")
        .should().dependOnClassesThat().resideInAnyPackage("..persona..", "..predict..", "..recommend..", "..analysis..",
            "..clv..")
        .check(CLASSES);
  }
}
