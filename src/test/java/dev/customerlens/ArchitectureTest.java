package dev.customerlens;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.customerlens");

  @Test
  void coreDoesNotDependOnTheBoundaries() {
    noClasses().that().resideInAnyPackage("..data..", "..generate..", "..rules..", "..persona..", "..predict..",
            "..recommend..", "..analysis..", "..export..", "..events..", "..clv..", "..chart..", "..timeline..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.customerlens.cli..", "dev.customerlens.api..", "dev.customerlens.kernel..",
            "dev.customerlens.report..",
            "picocli..", "io.javalin..", "org.dflib..", "me.tongfei..")
        .check(CLASSES);
  }

  @Test
  void readingDoesNotDependOnAnalysis() {
    noClasses().that().resideInAnyPackage("..data..", "..rules..", "..events..")
        .should().dependOnClassesThat().resideInAnyPackage("..persona..", "..predict..", "..recommend..", "..analysis..",
            "..clv..")
        .check(CLASSES);
  }
}
