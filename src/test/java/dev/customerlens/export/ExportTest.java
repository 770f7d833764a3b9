package dev.customerlens.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void xlsxKeepsNumbersAsNumbersGuardsFormulasAndKeepsUnicode() throws IOException {
    Table table = Table.create("recommendations", StringColumn.create("name", "=HYPERLINK(\"http://x\")", "Zoë 東京"),
        DoubleColumn.create("clv", 1234.5, 7));
    Path file = Export.table(table, dir.resolve("t.xlsx"));
    try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(file.toFile());
        var rows = workbook.getFirstSheet().openStream()) {
      var all = rows.toList();
      assertEquals("name", all.get(0).getCellText(0));
      assertEquals("'=HYPERLINK(\"http://x\")", all.get(1).getCellText(0));
      assertEquals(org.dhatim.fastexcel.reader.CellType.STRING, all.get(1).getCell(0).getType(), "text, not a formula");
      assertEquals("Zoë 東京", all.get(2).getCellText(0));
      assertEquals(org.dhatim.fastexcel.reader.CellType.NUMBER, all.get(1).getCell(1).getType());
      assertEquals(0, new java.math.BigDecimal("1234.5").compareTo(all.get(1).getCell(1).asNumber()));
    }
  }

  @Test
  void jsonExportIsAnArrayOfRowObjects() throws IOException {
    Table table = Table.create("t", StringColumn.create("name", "a"), DoubleColumn.create("value", 2.5));
    Path file = Export.table(table, dir.resolve("t.json"));
    assertEquals("[ {\n  \"name\" : \"a\",\n  \"value\" : 2.5\n} ]\n", Files.readString(file));
  }

  @Test
  void unknownExportFormatIsRefusedByName() {
    var e = assertThrows(dev.customerlens.errors.WorkspaceException.class,
        () -> Export.table(Table.create("t"), dir.resolve("t.ods")));
    assertTrue(e.getMessage().contains("use a name ending .csv, .json or .xlsx"), e.getMessage());
  }
}
