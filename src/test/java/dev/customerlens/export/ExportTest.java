package dev.customerlens.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
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
  void numberCellsAreTheShortestPlainDecimalWithoutTrailingZeros() {
    assertEquals("2", Export.number(2.0));
    assertEquals("100", Export.number(100.0));
    assertEquals("0", Export.number(0.0));
    assertEquals("0", Export.number(-0.0), "no negative zero in a spreadsheet");
    assertEquals("-1.5", Export.number(-1.5));
    assertEquals("0.1", Export.number(0.1));
    assertEquals("0.00001", Export.number(1e-5), "no exponent");
    assertEquals("12340000000", Export.number(1.234e10));
    assertEquals("10000000", Export.number(1e7));
  }

  @Test
  void numberCellsMatchTheBigDecimalDefinitionOverEveryMagnitude() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 200_000; i++) {
      double d = switch (i % 4) {
        case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(30) - 12);
        case 1 -> Math.round(random.nextDouble() * 1e6) / 100.0;
        case 2 -> -random.nextInt(1_000_000);
        default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
      };
      assertEquals(java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(), Export.number(d), "for " + d);
    }
  }

  @Test
  void csvIsWhatCommonsCsvWritesForTheSameCells() throws IOException {
    String[] texts = {"", "plain", " leading space", "trailing space ", "#hash", "!bang", "\"quoted\" word", "a,b",
        "two\nlines", "cr\rhere", "=1+1", "-dash", "Zoë 東京", "tab\t", "$5"};
    int n = texts.length;
    double[] numbers = new double[n];
    int[] whole = new int[n];
    Boolean[] flags = new Boolean[n];
    java.time.LocalDate[] days = new java.time.LocalDate[n];
    for (int i = 0; i < n; i++) {
      numbers[i] = i % 5 == 0 ? Double.NaN : i % 5 == 1 ? -0.0 : i % 5 == 2 ? 1e-7 * i : i % 5 == 3 ? -1.5e9 : 100.0 / 3;
      whole[i] = i % 4 == 0 ? tech.tablesaw.columns.numbers.IntColumnType.missingValueIndicator() : i - 7;
      flags[i] = i % 3 == 0 ? null : i % 3 == 1;
      days[i] = i % 6 == 0 ? null : java.time.LocalDate.of(2024, 1, 1).plusDays(i);
    }
    Table table = Table.create("t", StringColumn.create("first", texts), StringColumn.create("=header", texts),
        DoubleColumn.create("number", numbers), tech.tablesaw.api.IntColumn.create("whole", whole),
        tech.tablesaw.api.BooleanColumn.create("flag", java.util.Arrays.asList(flags)),
        tech.tablesaw.api.DateColumn.create("day", days));
    java.io.StringWriter expected = new java.io.StringWriter();
    var printer = new org.apache.commons.csv.CSVPrinter(expected,
        org.apache.commons.csv.CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
    printer.printRecord(table.columnNames().stream().map(Export::guard).toList());
    for (int r = 0; r < n; r++) {
      List<String> row = new ArrayList<>();
      for (var column : table.columns()) {
        Object value = column.isMissing(r) ? "" : column.get(r);
        row.add(value instanceof String text ? Export.guard(text) : value instanceof Double d
            ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
            : value instanceof Boolean b ? (b ? "Yes" : "No") : value.toString());
      }
      printer.printRecord(row);
    }
    java.io.StringWriter written = new java.io.StringWriter();
    Export.writeCsv(table, written);
    assertEquals(expected.toString(), written.toString());
    assertTrue(written.toString().startsWith("first,'=header,"), "headers are guarded too");
    assertTrue(written.toString().contains("\n\"\",,"), "an empty first cell is quoted so the line is not blank");
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
  void xlsxLongerThanASheetGoesOnOverNumberedSheetsEachWithTheHeader() throws IOException {
    Table table = Table.create("recommendations", StringColumn.create("id", "a", "b", "c", "d", "e"),
        DoubleColumn.create("clv", 1, 2, 3, 4, 5));
    Path file = Export.xlsx(table, dir.resolve("long.xlsx"), 2);
    try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(file.toFile())) {
      List<String> names = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (var sheet : workbook.getSheets().toList()) {
        names.add(sheet.getName());
        try (var rows = sheet.openStream()) {
          var all = rows.toList();
          assertEquals("id", all.get(0).getCellText(0), "each sheet has the header");
          for (var row : all.subList(1, all.size())) ids.add(row.getCellText(0));
        }
      }
      assertEquals(List.of("recommendations", "recommendations 2", "recommendations 3"), names);
      assertEquals(List.of("a", "b", "c", "d", "e"), ids, "every row once, in order");
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
