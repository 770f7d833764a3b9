package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class DatasetTest {
  @TempDir Path dir;

  private Dataset read(String text) {
    return Dataset.read(Fixtures.write(dir, "customers.csv", text));
  }

  private Issue onlyIssue(String text) {
    DataFileException e = assertThrows(DataFileException.class, () -> read(text));
    assertEquals(1, e.issues().size(), e.getMessage());
    return e.issues().get(0);
  }

  private static String header() {
    return Fixtures.smallCsv().split("\n")[0];
  }

  @Test
  void readsEveryRowIntoTypedColumnsUnderPublishedNames() {
    Table table = read(Fixtures.smallCsv()).table();
    assertEquals(12, table.rowCount());
    assertEquals(ColumnType.INTEGER, table.column("Age").type());
    assertEquals(ColumnType.DOUBLE, table.column("Purchase Amount (USD)").type());
    assertEquals(ColumnType.BOOLEAN, table.column("Subscription Status").type());
    assertEquals(ColumnType.STRING, table.column("Customer ID").type());
    assertEquals(83.0, table.doubleColumn("Purchase Amount (USD)").get(0));
    assertEquals(Boolean.TRUE, table.booleanColumn("Discount Applied").get(0));
  }

  @Test
  void matchesHeaderVariantsOfThePublishedDataset() {
    String snake = "customer_id,age,gender,item_purchased,category,purchase_amount_usd,location,size,color,season,"
        + "review_rating,subscription_status,shipping_type,discount_applied,promo_code_used,previous_purchases,"
        + "payment_method,frequency_of_purchases";
    String plain = header().replace("Purchase Amount (USD)", "PURCHASE AMOUNT").replace("Customer ID", " customer  id ");
    assertEquals(12, read(Fixtures.smallCsvWithLine(1, snake)).rowCount());
    assertEquals(12, read(Fixtures.smallCsvWithLine(1, plain)).rowCount());
  }

  @Test
  void keepsExtraColumnsAfterTheSchemaColumns() {
    String text = Fixtures.smallCsv().replaceAll("(?m)^(.+)$", "$1,x").replaceFirst(",x\n", ",Loyalty Tier\n");
    Dataset dataset = read(text);
    assertEquals(List.of("Loyalty Tier"), dataset.extraColumns());
    assertEquals("x", dataset.table().stringColumn("Loyalty Tier").get(0));
  }

  @Test
  void missingColumnListsWhatWasFound() {
    String text = Fixtures.smallCsv().replace(",Category,", ",").replaceAll("(?m),(Clothing|Footwear|Accessories|Outerwear),", ",");
    Issue issue = onlyIssue(text);
    assertEquals(1, issue.line());
    assertEquals("Category", issue.column());
    assertTrue(issue.message().contains("column is missing"), issue.message());
    assertTrue(issue.message().contains("found: Customer ID, Age"), issue.message());
  }

  @Test
  void misspeltColumnNamesTheClosestHeader() {
    Issue issue = onlyIssue(Fixtures.smallCsv().replace("Previous Purchases", "Previus Purchses"));
    assertEquals(1, issue.line());
    assertEquals(16, issue.columnNumber());
    assertTrue(issue.message().contains("closest header is \"Previus Purchses\" (column 16)"), issue.message());
  }

  @Test
  void nonNumericAgeNamesFileLineColumnAndValue() {
    String text = Fixtures.smallCsvWithLine(4, Fixtures.smallCsv().split("\n")[3].replaceFirst(",50,", ",fifty,"));
    Issue issue = onlyIssue(text);
    assertEquals(4, issue.line());
    assertEquals(2, issue.columnNumber());
    assertEquals("fifty", issue.value());
    assertTrue(issue.toString().startsWith(dir.resolve("customers.csv") + ":4:2: Age \"fifty\" is not a whole number"),
        issue.toString());
  }

  @Test
  void ratingOfSevenIsOutsideOneToFive() {
    String line = Fixtures.smallCsv().split("\n")[2].replace(",3.1,", ",7,");
    Issue issue = onlyIssue(Fixtures.smallCsvWithLine(3, line));
    assertEquals(3, issue.line());
    assertEquals("Review Rating", issue.column());
    assertTrue(issue.message().contains("outside 1 to 5"), issue.message());
  }

  @Test
  void unknownFrequencyLabelListsTheVocabulary() {
    String line = Fixtures.smallCsv().split("\n")[5].replace("Annually", "Every Blue Moon");
    Issue issue = onlyIssue(Fixtures.smallCsvWithLine(6, line));
    assertEquals(6, issue.line());
    assertEquals(18, issue.columnNumber());
    assertTrue(issue.message().contains("Weekly, Bi-Weekly, Fortnightly"), issue.message());
  }

  @Test
  void frequencyLabelsMatchIgnoringCaseAndKeepTheirOwnWording() {
    String line = Fixtures.smallCsv().split("\n")[2].replace("Fortnightly", "bi-weekly");
    Table table = read(Fixtures.smallCsvWithLine(3, line)).table();
    assertEquals("Bi-Weekly", table.stringColumn("Frequency of Purchases").get(1));
  }

  @Test
  void duplicateIdPointsBackToItsFirstUse() {
    String line = Fixtures.smallCsv().split("\n")[7].replaceFirst("^7,", "3,");
    Issue issue = onlyIssue(Fixtures.smallCsvWithLine(8, line));
    assertEquals(8, issue.line());
    assertEquals("3", issue.value());
    assertTrue(issue.message().contains("already used on line 4"), issue.message());
  }

  @Test
  void emptyFileSaysItIsEmpty() {
    Issue issue = onlyIssue("");
    assertEquals(1, issue.line());
    assertTrue(issue.message().contains("the file is empty"), issue.message());
  }

  @Test
  void headerOnlySaysThereAreNoDataRows() {
    Issue issue = onlyIssue(header() + "\n");
    assertEquals(2, issue.line());
    assertTrue(issue.message().contains("no data rows"), issue.message());
  }

  @Test
  void byteOrderMarkIsIgnored() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = Fixtures.smallCsv().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    Table table = Dataset.read(Fixtures.write(dir, "bom.csv", all)).table();
    assertEquals("1", table.stringColumn("Customer ID").get(0));
  }

  @Test
  void crlfLineEndingsReadLikeLf() {
    Table table = read(Fixtures.smallCsv().replace("\n", "\r\n")).table();
    assertEquals(12, table.rowCount());
    assertEquals("Weekly", table.stringColumn("Frequency of Purchases").get(0));
  }

  @Test
  void quotedCommasQuotesAndNewlinesStayInsideTheirField() {
    String line = Fixtures.smallCsv().split("\n")[1].replace(",Kentucky,", ",\"Louisville, \"\"KY\"\"\nUSA\",");
    String text = Fixtures.smallCsvWithLine(2, line);
    Table table = read(text).table();
    assertEquals("Louisville, \"KY\"\nUSA", table.stringColumn("Location").get(0));
    assertEquals(12, table.rowCount());
  }

  @Test
  void linesAreCountedFromWhereARowStartsAfterAMultiLineField() {
    String withNewline = Fixtures.smallCsv().split("\n")[1].replace(",Kentucky,", ",\"Kentucky\nUSA\",");
    String badAge = Fixtures.smallCsv().split("\n")[2].replaceFirst(",19,", ",abc,");
    String text = Fixtures.smallCsvWithLine(2, withNewline);
    text = text.replace(Fixtures.smallCsv().split("\n")[2], badAge);
    Issue issue = onlyIssue(text);
    assertEquals(4, issue.line(), "row 2 spans lines 2-3, so the third data row starts on line 4");
  }

  @Test
  void oneMegabyteFieldLoadsWhole() {
    String huge = "x".repeat(1 << 20);
    String line = Fixtures.smallCsv().split("\n")[1].replace(",Blouse,", "," + huge + ",");
    Table table = read(Fixtures.smallCsvWithLine(2, line)).table();
    assertEquals(1 << 20, table.stringColumn("Item Purchased").get(0).length());
  }

  @Test
  void formulaTextLoadsAsPlainData() {
    String formula = "=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")";
    String line = Fixtures.smallCsv().split("\n")[1].replace(",Blouse,", ",\"" + formula + "\",");
    Table table = read(Fixtures.smallCsvWithLine(2, line)).table();
    assertEquals("=HYPERLINK(\"http://evil.example\",\"click\")", table.stringColumn("Item Purchased").get(0));
  }

  @Test
  void rowWithTooFewFieldsSaysHowManyWereExpected() {
    Issue issue = onlyIssue(Fixtures.smallCsvWithLine(5, "4,21,Female"));
    assertEquals(5, issue.line());
    assertTrue(issue.message().contains("has 3 fields; expected 18"), issue.message());
  }

  @Test
  void unclosedQuoteIsReportedAsMalformedCsvWithALine() {
    String line = Fixtures.smallCsv().split("\n")[3].replace(",Jeans,", ",\"Jeans,");
    DataFileException e = assertThrows(DataFileException.class, () -> read(Fixtures.smallCsvWithLine(4, line)));
    assertTrue(e.getMessage().contains("malformed CSV"), e.getMessage());
    assertTrue(e.issues().get(0).line() >= 4, e.getMessage());
  }

  @Test
  void collectsEveryBadValueOfAFileNotJustTheFirst() {
    String text = Fixtures.smallCsv().replace(",Monthly\n", ",Sometimes\n").replace(",4.8,", ",9,");
    DataFileException e = assertThrows(DataFileException.class, () -> read(text));
    assertEquals(4, e.issues().size(), e.getMessage());
  }

  @Test
  void stopsListingAtTheCapAndCountsTheRest() {
    String text = Fixtures.smallCsv().replaceAll(",(Yes|No),(Express|Standard|Free Shipping|Next Day Air|Store Pickup|2-Day Shipping),", ",Maybe,$2,");
    DataFileException e = assertThrows(DataFileException.class,
        () -> Dataset.read(Fixtures.write(dir, "c.csv", text), ReadOptions.strict().withMaxIssues(5)));
    assertEquals(5, e.issues().size());
    assertEquals(7, e.moreIssues());
    assertTrue(e.getMessage().endsWith("... and 7 more issues"), e.getMessage());
  }

  @Test
  void lenientReadSkipsBadRowsAndSaysExactlyWhich() {
    String text = Fixtures.smallCsv().replace(",Monthly\n", ",Sometimes\n");
    Dataset dataset = Dataset.read(Fixtures.write(dir, "c.csv", text), ReadOptions.lenient());
    assertEquals(9, dataset.rowCount());
    assertEquals(List.of(4, 9, 12), dataset.skipped().stream().map(SkippedRow::line).toList());
    assertEquals("Frequency of Purchases", dataset.skipped().get(0).reasons().get(0).column());
  }

  @Test
  void missingFileIsAnInputErrorNotAStackTrace() {
    DataFileException e = assertThrows(DataFileException.class, () -> Dataset.read(dir.resolve("nope.csv")));
    assertTrue(e.getMessage().endsWith("nope.csv:1: no such file"), e.getMessage());
  }

  @Test
  void nonUtf8BytesAreReportedAsAnEncodingProblem() {
    byte[] latin1 = Fixtures.smallCsv().replace("Maine", "Maïne").getBytes(StandardCharsets.ISO_8859_1);
    DataFileException e = assertThrows(DataFileException.class, () -> Dataset.read(Fixtures.write(dir, "l.csv", latin1)));
    assertTrue(e.getMessage().contains(":3:7: Location \"Ma\uFFFDne\" holds bytes that are not UTF-8 text"), e.getMessage());
  }

  @Test
  void blankOptionalCellsAreMissingValuesButBlankRequiredCellsAreErrors() {
    String line = Fixtures.smallCsv().split("\n")[1].replace(",4.1,", ",,");
    assertTrue(read(Fixtures.smallCsvWithLine(2, line)).table().doubleColumn("Review Rating").isMissing(0));
    String noCategory = Fixtures.smallCsv().split("\n")[1].replace(",Clothing,", ",,");
    Issue issue = onlyIssue(Fixtures.smallCsvWithLine(2, noCategory));
    assertEquals("Category", issue.column());
  }

  @Test
  void embeddedSampleLoadsWithoutIssues() {
    Dataset sample = Dataset.embedded();
    assertEquals(3900, sample.rowCount());
    assertTrue(sample.skipped().isEmpty());
  }

  @Test
  void aGzipCompressedTableIsReadAsTheTextItHoldsWhateverItsName() {
    Table plain = read(Fixtures.smallCsv()).table();
    Table unpacked = Dataset.read(Fixtures.write(dir, "customers.csv", Fixtures.gzip(Fixtures.smallCsv()))).table();
    assertEquals(plain.columnNames(), unpacked.columnNames());
    for (String column : plain.columnNames()) assertEquals(plain.column(column).asList(), unpacked.column(column).asList());
  }

  @Test
  void aBadCellInAGzipCompressedTableNamesTheFileItWasGivenAndTheLineOfItsText() {
    String text = Fixtures.smallCsvWithLine(4, Fixtures.smallCsv().split("\n")[3].replaceFirst(",50,", ",fifty,"));
    Path file = Fixtures.write(dir, "customers.csv.gz", Fixtures.gzip(text));
    DataFileException e = assertThrows(DataFileException.class, () -> Dataset.read(file));
    assertTrue(e.getMessage().startsWith(file + ":4:2: Age \"fifty\" is not a whole number"), e.getMessage());
  }

  @Test
  void aZipArchiveSuchAsAnExcelWorkbookIsRefusedSayingWhatToDo() {
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0};
    Path file = Fixtures.write(dir, "customers.xlsx", zip);
    DataFileException e = assertThrows(DataFileException.class, () -> Dataset.read(file));
    assertEquals(file + ":1: is a ZIP archive (an Excel workbook is one), not a CSV file: save the sheet as CSV, or "
        + "unzip the archive, and give that file", e.getMessage());
  }
}
