package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The byte-level reader must accept, reject and report exactly what commons-csv's parser with the
 * same checks does ({@link CommonsCsvReference}): same values, same skipped rows, same messages with
 * file, line and column. Every case runs with one part and with parts of a few hundred bytes, so
 * part boundaries fall everywhere, and through {@code Dataset.read}'s table as well as the columns.
 */
class ByteCsvReaderTest {
  private static final String HEADER = String.join(",", java.util.Arrays.stream(Field.values()).map(Field::header).toList());
  private static final String ROW = "Male,Shirt,Clothing,85,Arizona,S,Black,Summer,3.2,No,Free Shipping,Yes,Yes,17,Debit Card,Monthly";
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  private static String row(String id, String age) {
    return id + "," + age + "," + ROW;
  }

  private static String file(String... rows) {
    return HEADER + "\n" + String.join("\n", rows) + "\n";
  }

  /** What a reader made of the bytes: every row's values, the skipped rows, or the error message. */
  private static String viaTable(Supplier<Dataset> read) {
    try {
      Dataset dataset = read.get();
      Table table = dataset.table();
      List<String> rows = new ArrayList<>();
      for (int r = 0; r < table.rowCount(); r++) {
        StringBuilder row = new StringBuilder();
        for (Field field : Field.values()) {
          Column<?> column = table.column(field.ordinal());
          row.append(column.isMissing(r) ? "∅" : column.get(r)).append('|');
        }
        rows.add(row.toString());
      }
      return "rows " + rows + "\nskipped " + dataset.skipped();
    } catch (DataFileException e) {
      return "error " + e.getMessage();
    }
  }

  private static String viaBytes(byte[] bytes, ReadOptions options, long partBytes) {
    try {
      Customers customers = new ByteCsvReader(ByteSource.of("customers.csv", bytes), options, POOL, 2, n -> {}, partBytes, false).read();
      List<String> rows = new ArrayList<>();
      for (int r = 0; r < customers.rows(); r++) {
        StringBuilder row = new StringBuilder(customers.ids().get(r)).append('|');
        for (Field field : Field.values()) {
          if (field == Field.CUSTOMER_ID) continue;
          Object value = customers.values(field).get(customers.codes(field).get(r));
          row.append(value == null || "".equals(value) ? "∅" : value).append('|');
        }
        rows.add(row.toString());
      }
      return "rows " + rows + "\nskipped " + customers.skipped();
    } catch (DataFileException e) {
      return "error " + e.getMessage();
    }
  }

  private static void assertSameAsDataset(String text) {
    assertSameAsDataset(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertSameAsDataset(byte[] bytes) {
    for (ReadOptions options : List.of(ReadOptions.strict(), ReadOptions.lenient())) {
      String expected = viaTable(() -> CommonsCsvReference.read(bytes, "customers.csv", options));
      assertEquals(expected, viaTable(() -> Dataset.read(new ByteArrayInputStream(bytes), "customers.csv", options)),
          "Dataset.read, " + options);
      assertEquals(expected, viaBytes(bytes, options, ByteCsvReader.PART_BYTES), "one part, " + options);
      assertEquals(expected, viaBytes(bytes, options, 256), "small parts, " + options);
    }
  }

  @Test
  void readsAValidFileAsDatasetDoes() {
    assertSameAsDataset(file(row("1", "31"), row("2", "18"), row("007", "44"), row(" 42 ", "+50"), row("x-9", "3.1E1")));
  }

  @Test
  void reportsABadAgeWithItsLineAndColumn() {
    assertSameAsDataset(file(row("1", "31"), row("2", "forty"), row("3", "12"), row("4", "3.5")));
  }

  @Test
  void reportsEveryBadCellOfARowInSchemaOrder() {
    assertSameAsDataset(file(row("1", "31"), "2,200,,Shirt,,-5,Arizona,S,Black,Summer,9,Maybe,Free Shipping,Yes,Yes,-1,Debit Card,Daily"));
  }

  @Test
  void reportsARowWithTooManyOrTooFewFields() {
    assertSameAsDataset(file(row("1", "31"), row("2", "31") + ",extra", "3,31,Male"));
  }

  @Test
  void reportsARepeatedIdWithTheLineItFirstAppearedOn() {
    assertSameAsDataset(file(row("1", "31"), row("2", "31"), row("1", "40"), row("2", "forty"), row("2", "41"), row("1", "42")));
  }

  @Test
  void reportsARepeatedTextIdAsDatasetDoes() {
    assertSameAsDataset(file(row("a1", "31"), row("b2", "31"), row("a1", "40"), row("7", "41"), row("07", "42"), row("7", "43")));
  }

  @Test
  void acceptsBlankOptionalCellsAndRejectsBlankRequiredOnes() {
    assertSameAsDataset(file("1,31,Male,,Clothing,85,,,,,,No,,Yes,Yes,17,,Monthly", "2,31,,Shirt,Clothing,85,,,,,,No,,Yes,Yes,17,,Monthly"));
  }

  @Test
  void readsQuotedCellsWithCommasQuotesAndLineBreaks() {
    assertSameAsDataset(file("1,31,Male,\"Shirt, \"\"slim\"\"\nfit\",Clothing,85,\"Ari\r\nzona\",S,Black,Summer,3.2,No,"
        + "Free Shipping,Yes,Yes,17,Debit Card,Monthly", row("2", "32"), row("3", "x")));
  }

  @Test
  void acceptsSpacesAfterAClosingQuote() {
    assertSameAsDataset(file("1,\"31\"  ,Male,\"Shirt\"\t,Clothing,85,\"Arizona\"\u3000,S,Black,Summer,3.2,No,Free Shipping,Yes,Yes,17,Debit Card,Monthly"));
  }

  @Test
  void reportsACharacterAfterAClosingQuoteWithCommonsCsvsPosition() {
    assertSameAsDataset(file(row("1", "31"), "2,31,Mäle,\"Shirt\"x,Clothing,85,Arizona,S,Black,Summer,3.2,No,Free Shipping,Yes,Yes,17,Debit Card,Monthly"));
  }

  @Test
  void reportsAnUnclosedQuote() {
    assertSameAsDataset(file(row("1", "31"), row("2", "forty"), "3,31,Male,\"Shirt,Clothing"));
  }

  @Test
  void reportsBytesThatAreNotUtf8() {
    byte[] bytes = file(row("1", "31"), row("2", "31"), row("3", "31")).getBytes(StandardCharsets.UTF_8);
    int at = new String(bytes, StandardCharsets.UTF_8).indexOf("Arizona", HEADER.length() + 80);
    bytes[at] = (byte) 0xFF;
    bytes[at + 20] = (byte) 0xC3;
    assertSameAsDataset(bytes);
  }

  @Test
  void skipsEmptyLinesAndCountsThemInLineNumbers() {
    assertSameAsDataset(HEADER + "\n\n" + row("1", "31") + "\r\n\r\n\n" + row("2", "forty") + "\r" + row("3", "x") + "\n\n");
  }

  @Test
  void readsAFileWithAByteOrderMarkAndNoFinalLineBreak() {
    assertSameAsDataset("\uFEFF" + HEADER + "\r\n" + row("1", "31") + "\r\n" + row("2", "forty"));
  }

  @Test
  void reportsAnEmptyFileAHeaderWithoutRowsAndAMissingColumn() {
    assertSameAsDataset("");
    assertSameAsDataset("\n\n");
    assertSameAsDataset(HEADER + "\n");
    assertSameAsDataset(HEADER.replace("Previous Purchases,", "") + "\n" + row("1", "31"));
  }

  @Test
  void refusesAMissingOptionalColumnThatDatasetLoadsWithout() {
    // Batch scoring reads a fixed row layout; the analysis loads the table and reports the column missing.
    byte[] bytes = (HEADER.replace("Review Rating,", "") + "\n" + row("1", "31").replace(",3.2,", ","))
        .getBytes(StandardCharsets.UTF_8);
    String loaded = viaTable(() -> Dataset.read(new ByteArrayInputStream(bytes), "customers.csv", ReadOptions.strict()));
    assertTrue(loaded.startsWith("rows "), loaded);
    assertEquals("error customers.csv:1: Review Rating column is missing; this reader needs every schema column (lens "
        + "analyze reads a table without it); found: " + HEADER.replace("Review Rating,", "").replace(",", ", "),
        viaBytes(bytes, ReadOptions.strict(), ByteCsvReader.PART_BYTES));
  }

  @Test
  void listsAHundredIssuesAndCountsTheRest() {
    String[] rows = new String[150];
    for (int i = 0; i < rows.length; i++) rows[i] = row(Integer.toString(i), "old");
    assertSameAsDataset(file(rows));
  }

  @Test
  void readsCorruptedCopiesOfTheEmbeddedDataAsDatasetDoes() throws IOException {
    byte[] clean;
    try (InputStream in = ByteCsvReaderTest.class.getResourceAsStream("/dev/customerlens/data/customers.csv")) {
      clean = in.readAllBytes();
    }
    Random random = new Random(8);
    byte[][] damage = {{','}, {'"'}, {'\n'}, {'\r'}, {}, {(byte) 0xE9}, {'x'}, {'"', '"'}, {'\r', '\n', '\r', '\n'}};
    for (int copy = 0; copy < 40; copy++) {
      byte[] bytes = clean.clone();
      int edits = 1 + random.nextInt(copy < 20 ? 3 : 30);
      for (int e = 0; e < edits; e++) {
        int at = 300 + random.nextInt(bytes.length - 300);
        byte[] with = damage[random.nextInt(damage.length)];
        byte[] next = new byte[bytes.length - 1 + with.length];
        System.arraycopy(bytes, 0, next, 0, at);
        System.arraycopy(with, 0, next, at, with.length);
        System.arraycopy(bytes, at + 1, next, at + with.length, bytes.length - at - 1);
        bytes = next;
      }
      for (ReadOptions options : List.of(ReadOptions.strict(), ReadOptions.lenient())) {
        byte[] copied = bytes;
        String expected = viaTable(() -> CommonsCsvReference.read(copied, "customers.csv", options));
        assertEquals(expected, viaBytes(bytes, options, 4096), "copy " + copy + ", " + options);
      }
    }
    assertTrue(viaBytes(clean, ReadOptions.strict(), 4096).startsWith("rows ["));
  }

  @Test
  void keepsExtraColumnsAndLeavesALackingOptionalColumnMissingAsTheReferenceDoesInAnyParts() {
    String header = HEADER.replace("Review Rating,", "") + ",Store,Notes";
    StringBuilder text = new StringBuilder(header).append('\n');
    for (int i = 0; i < 40; i++) {
      text.append(row(Integer.toString(i), "3" + i % 10).replace(",3.2,", ","))
          .append(i % 3 == 0 ? ",North,\"a, \"\"quoted\"\" note\"" : i % 3 == 1 ? ",," : ",South,=1+2").append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    ReadOptions options = ReadOptions.strict();
    Table expected = CommonsCsvReference.read(bytes, "customers.csv", options).table();
    assertEquals(List.of("Store", "Notes"), expected.columnNames().subList(Field.values().length, expected.columnCount()));
    for (long partBytes : new long[] {ByteCsvReader.PART_BYTES, 200}) {
      Customers read = new ByteCsvReader(ByteSource.of("customers.csv", bytes), options, POOL, 2, n -> {}, partBytes, true).read();
      assertEquals(List.of(Field.REVIEW_RATING), read.missingColumns());
      assertEquals(expected.print(Integer.MAX_VALUE), read.table().print(Integer.MAX_VALUE), "parts of " + partBytes);
    }
  }
}
