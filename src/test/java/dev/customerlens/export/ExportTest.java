package dev.customerlens.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ExportTest {
  @TempDir Path dir;

  @Test
  void textCellsThatSpreadsheetsWouldRunAreDefused() {
    for (String bad : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
      assertEquals("'" + bad, Export.guard(bad));
    }
    assertEquals("Clothing", Export.guard("Clothing"));
  }

  @Test
  void numbersStayNumbersAndTextIsQuotedWhereCsvNeedsIt() throws IOException {
    Table table = Table.create("t", StringColumn.create("name", "a,b", "=cmd", "say \"hi\""),
        DoubleColumn.create("value", -1.5, 2, 1e7));
    Path file = Export.csv(table, dir.resolve("t.csv"));
    assertEquals("name,value\n\"a,b\",-1.5\n'=cmd,2\n\"say \"\"hi\"\"\",10000000\n", Files.readString(file));
  }

  @Test
  void failedWriteLeavesThePreviousFileAndNoPartialFile() throws IOException {
    Path target = Files.writeString(dir.resolve("out.csv"), "previous");
    assertThrows(UncheckedIOException.class, () -> Export.atomically(target, out -> {
      out.write("half");
      throw new IOException("disk full");
    }));
    assertEquals("previous", Files.readString(target));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void newFileIsReadableLikeAnyOtherAndAReplacedFileKeepsItsPermissions() throws IOException {
    Path fresh = Export.text("x", dir.resolve("fresh.txt"));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    Path kept = Files.writeString(dir.resolve("kept.txt"), "old");
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
    Export.text("new", kept);
    assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
  }
}
