package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Magics, in front of a real session. */
class CellsTest {
  private static Session session;
  private static Cells cells;

  @BeforeAll
  static void start() {
    session = Session.start();
    cells = new Cells(session);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void magicLinesKeepTheCellsLineNumbers() {
    Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class,
        cells.run("%%time\n%classpath .\n\nint wrong = \"text\";", 1));
    assertEquals("line 4: incompatible types: java.lang.String cannot be converted to int", failed.message());
  }

  @Test
  void classpathOfAMissingFileIsAUsageError() {
    Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, cells.run("%classpath no/such.jar", 1));
    assertEquals("%classpath: no such file: no/such.jar", failed.message());
  }

  @Test
  void unknownMagicSaysWhichOnesExist() {
    Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, cells.run("%load notes.txt\nint a = 1;", 1));
    assertEquals("unknown magic %load; this kernel knows %classpath, %jars, %maven and %%time", failed.message());
  }

  @Test
  void percentBelowTheFirstJavaLineIsJava() {
    assertEquals(1, assertInstanceOf(Outcome.Value.class, cells.run("int r = 10\n    %3;\nr", 1)).value());
  }

  @Test
  void isCompleteAndCompletionSeeOnlyTheJava() {
    assertEquals(Session.IsComplete.COMPLETE, cells.isComplete("%maven a:b:1\nint a = 1;"));
    String code = "%classpath lib\nMath.ma";
    assertEquals(code.indexOf("ma"), cells.complete(code, code.length()).start());
  }
}
