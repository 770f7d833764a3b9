package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The JShell session, in this JVM, as cells use it. */
class SessionTest {
  private static Session session;

  @BeforeAll
  static void start() {
    session = Session.start();
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static Object value(String cell) {
    return assertInstanceOf(Outcome.Value.class, session.run(cell, 1)).value();
  }

  private static Outcome.Failed failure(String cell, int count) {
    return assertInstanceOf(Outcome.Failed.class, session.run(cell, count));
  }

  @Test
  void everyStartupImportResolves() {
    try (Session fresh = Session.start()) {
      assertEquals(List.of(), fresh.preload(Session.startupScript()));
    }
  }

  @Test
  void firstCellCanBeThePersonaTable() {
    Table personas = (Table) value("CustomerAnalytics.sample().personas()");
    assertEquals("personas", personas.name());
  }

  @Test
  void stateCarriesAcrossCellsAndTheLastExpressionIsTheValue() {
    assertInstanceOf(Outcome.Done.class, session.run("int carried = 20;", 1));
    assertEquals(42, value("int more = 1;\ncarried * 2 + more + 1"));
  }

  @Test
  void compileErrorNamesTheCellLineAndShowsTheCode() {
    Outcome.Failed failed = failure("// a comment\nint fine = 1;\nint wrong = \"text\";", 3);
    assertEquals("CompileError", failed.name());
    assertEquals("line 3: incompatible types: java.lang.String cannot be converted to int", failed.message());
    assertEquals(List.of("line 3: incompatible types: java.lang.String cannot be converted to int",
        "    int wrong = \"text\";", "                ^----^"), failed.traceback());
  }

  @Test
  void exceptionKeepsItsClassMessageAndPlacesCellFramesByLine() {
    Outcome.Failed failed = failure("int first = 1;\n\nInteger.parseInt(\"x\")", 7);
    assertEquals("NumberFormatException", failed.name());
    assertEquals("For input string: \"x\"", failed.message());
    assertEquals("java.lang.NumberFormatException: For input string: \"x\"", failed.traceback().get(0));
    assertEquals("\tat cell [7], line 3", failed.traceback().get(failed.traceback().size() - 1));
  }

  @Test
  void workspaceErrorsAreOneLine() {
    Outcome.Failed failed = failure("CustomerAnalytics.load(\"no-such.csv\")", 1);
    assertEquals(1, failed.traceback().size());
    assertTrue(failed.traceback().get(0).startsWith("DataFileException: no-such.csv"), failed.traceback().get(0));
  }

  @Test
  void stopEndsALoopThatNeverChecksForInterruptionAndTheSessionCarriesOn() throws Exception {
    Thread stopper = new Thread(() -> {
      while (System.getProperty("lens.test.loop") == null) Thread.onSpinWait();
      session.stop();
    });
    stopper.start();
    Outcome.Failed failed = failure("System.setProperty(\"lens.test.loop\", \"running\");\nwhile (true) {}", 1);
    stopper.join();
    assertEquals("Interrupted", failed.name());
    assertEquals(2, value("1 + 1"));
  }

  @Test
  void completesInTheSnippetUnderTheCursor() {
    String code = "int a = 1;\nMath.ma";
    Session.Completions completions = session.complete(code, code.length());
    assertEquals(List.of("max("), completions.texts());
    assertEquals(code.indexOf("ma"), completions.start());
  }

  @Test
  void inspectGivesSignaturesOfAMethodNamedWithoutParentheses() {
    assertTrue(session.inspect("Math.max", 8, false).contains("int Math.max(int a, int b)"));
  }

  @Test
  void isCompleteTellsFinishedUnfinishedAndInvalidCodeApart() {
    assertEquals(Session.IsComplete.COMPLETE, session.isComplete("int x = 1;\nx + 1"));
    assertEquals(Session.IsComplete.incomplete("    "), session.isComplete("for (int i = 0; i < 3; i++) {"));
    assertEquals(Session.IsComplete.INVALID, session.isComplete("int x = ;"));
  }
}
