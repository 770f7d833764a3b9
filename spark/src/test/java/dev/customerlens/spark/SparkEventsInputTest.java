package dev.customerlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.clv.Cohort;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.SkippedRow;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading logs on Spark: bad rows go to rejected() with file, line and the local reader's reasons
 * while the rest is summarised and fitted; Parquet and transaction logs give the local results.
 */
class SparkEventsInputTest {
  @TempDir static Path dir;
  private static List<String> embeddedLines;

  @BeforeAll
  static void readTheEmbeddedLog() throws IOException {
    Path file = LocalTables.copy("/dev/customerlens/data/events.csv", dir.resolve("events.csv"));
    embeddedLines = Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static SparkAnalytics spark() {
    return SparkAnalytics.on(LocalSpark.session());
  }

  private static Path write(String name, List<String> lines) {
    try {
      return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** (line, reasons) of the local lenient read's skipped rows, worded as rejected() words them. */
  private static List<String> skipped(EventLog log) {
    List<String> out = new ArrayList<>();
    for (SkippedRow row : log.summary().skipped()) out.add(row.line() + " " + EventInput.reasons(row.reasons()));
    return out;
  }

  private static List<String> rejected(SparkEvents events) {
    return events.rejected().orderBy(NumberedRows.ORDER).collectAsList().stream()
        .map(row -> row.get(1) + " " + row.getString(2)).toList();
  }

  @Test
  void badRowsAreRejectedWithLineAndTheLocalReasonsAndTheRestIsSummarisedAndFitted() {
    List<String> lines = new ArrayList<>(embeddedLines);
    // Spread over the file, so that they fall in different partitions and batches.
    lines.add(20_000, "101,not-a-time,view,Clothing,");
    lines.add(30_000, "102,2024-03-01T10:00:00,click,Clothing,");
    lines.add(45_000, "103,2024-03-01T10:00:00,purchase,Clothing,-5");
    lines.add(60_000, ",2024-03-01T10:00:00,view,Clothing,");
    lines.add(75_000, "104,2024-03-01T10:00:00,purchase,Clothing");
    lines.add(90_000, "105,2024-02-30T10:00:00,purchase,Clothing,12");
    lines.add(95_000, "106,2024-03-01T10:00:00,purchase,Clothing,");
    Path file = write("events-with-bad-rows.csv", lines);
    EventLog local = EventLog.read(file, LogFormat.EVENTS, LogReadOptions.lenient());

    try (SparkEvents events = LocalTables.withPartitionsOf("512k", () -> spark().events(file.toString()))) {
      List<String> rejected = rejected(events);

      assertEquals(7, rejected.size(), rejected.toString());
      assertEquals(skipped(local), rejected);
      assertTrue(rejected.get(0).startsWith("20001 timestamp \"not-a-time\" is not a date and time"), rejected.get(0));
      assertTrue(rejected.get(2).startsWith("45001 amount \"-5\" is negative"), rejected.get(2));
      assertTrue(events.rejected().first().getString(0).endsWith("/events-with-bad-rows.csv"));
      assertEquals(local.rowCount(), events.events().count());
      assertEquals(List.of(), LocalTables.differences(Cohort.of(local).toTable(), events.cohort()));
      assertTrue(events.model().purchases().customers() > 0);
    }
  }

  @Test
  void rowsWithBrokenQuotingAreRejectedAloneAndTheirNeighboursKept() {
    Path file = write("quotes.csv", List.of(embeddedLines.get(0), embeddedLines.get(1),
        "107,2024-03-01T10:00:00,purchase,\"Clothing,12", embeddedLines.get(2),
        "108,2024-03-01T10:00:00,\"purchase\"x,Clothing,12", embeddedLines.get(3)));

    try (SparkEvents events = spark().events(file.toString())) {
      List<String> rejected = rejected(events);

      assertEquals(2, rejected.size(), rejected.toString());
      assertTrue(rejected.get(0).startsWith("3 malformed CSV: unclosed quote"), rejected.get(0));
      assertTrue(rejected.get(1).startsWith("5 malformed CSV"), rejected.get(1));
      assertEquals(3, events.events().count());
      assertEquals(List.of(2L, 4L, 6L), events.events().orderBy(NumberedRows.ORDER).select(NumberedRows.LINE)
          .as(Encoders.LONG()).collectAsList());
    }
  }

  @Test
  void aHeaderWithoutARequiredColumnFailsOnTheDriverAsTheLocalReaderFails() {
    Path file = write("no-amount.csv", List.of("customer_id,timestamp,event,category", "1,2024-01-13T22:35:07,view,Clothing"));

    DataFileException e = assertThrows(DataFileException.class, () -> spark().events(file.toString()));
    assertTrue(e.getMessage().contains("amount"), e.getMessage());
  }

  @Test
  void parquetEventLogIsSummarisedAsItsCsvAndRejectsItsBadRowsByRowNumberInTheirFile() {
    Path csv = dir.resolve("events.csv");
    String parquet = dir.resolve("events.parquet").toString();
    try (SparkEvents fromCsv = spark().events(csv.toString())) {
      Dataset<Row> columns = fromCsv.events().select(col("customer_id"), col("timestamp"), col("event"),
          col("category"), col("amount"));
      Dataset<Row> bad = LocalSpark.session().createDataFrame(List.of(
          RowFactory.create("109", LocalDateTime.of(2024, 3, 1, 10, 0), "purchase", "Clothing", -3.0)), columns.schema());
      columns.union(bad).write().parquet(parquet);
    }
    EventLog local = EventLog.read(csv, LogFormat.EVENTS);

    try (SparkEvents fromParquet = spark().events(parquet)) {
      List<Row> rejected = fromParquet.rejected().collectAsList();

      assertEquals(1, rejected.size());
      assertTrue(rejected.get(0).getString(0).contains("part-00002"), rejected.get(0).getString(0));
      assertEquals(1L, rejected.get(0).getLong(1), "the bad row is the first of the last part file");
      assertTrue(rejected.get(0).getString(2).startsWith("amount \"-3.0000000000\" is negative"), rejected.get(0).getString(2));
      assertTrue(rejected.get(0).getString(3).contains("\"customer_id\":\"109\""), rejected.get(0).getString(3));
      assertEquals(List.of(), LocalTables.differences(Cohort.of(local).toTable(), fromParquet.cohort()));
      assertEquals(List.of(), LocalTables.differences(local.rfm(local.lastDate()), fromParquet.rfm()));
    }
  }

  @Test
  void parquetIsReadInTheEventLayoutOnly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> spark().events(dir.resolve("cdnow.parquet").toString(), LogFormat.CDNOW));
    assertTrue(e.getMessage().contains("event layout"), e.getMessage());
  }

  @Test
  void transactionLogGivesTheLocalPurchasesCohortRfmAndRejectedLines() {
    Path file = write("retail.csv", transactions(new Random(7), 3_000));
    EventLog local = EventLog.read(file, LogFormat.TRANSACTIONS, LogReadOptions.lenient());

    try (SparkEvents events = LocalTables.withPartitionsOf("32k", () -> spark().events(file.toString(),
        LogFormat.TRANSACTIONS))) {
      assertTrue(local.summary().skipped().size() > 10);
      assertEquals(skipped(local), rejected(events));
      assertEquals(List.of(), LocalTables.differences(local.table(), events.events()
          .orderBy(NumberedRows.ORDER).select("customer_id", "timestamp", "event", "category", "amount")));
      LocalDate calibrationEnd = LocalDate.of(2010, 9, 30);
      assertEquals(List.of(), LocalTables.differences(Cohort.of(local, calibrationEnd).toTable(),
          events.cohort(calibrationEnd)));
      assertEquals(List.of(), LocalTables.differences(local.rfm(local.lastDate()), events.rfm()));
    }
  }

  /**
   * Online Retail II lines of invoices spread over the file (so an invoice's lines fall in different
   * partitions), with cancellations, returns, duplicates and bad rows among them.
   */
  private static List<String> transactions(Random random, int count) {
    List<String> lines = new ArrayList<>(List.of("Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country"));
    for (int i = 0; i < count; i++) {
      int invoice = 500_000 + random.nextInt(count / 4);
      int customer = 12_000 + invoice % 97;
      LocalDateTime at = LocalDateTime.of(2010, 1, 1, 8, 0).plusMinutes((long) (invoice - 500_000) * 700);
      String prefix = random.nextInt(30) == 0 ? "C" : "";
      int quantity = random.nextInt(25) == 0 ? -2 : 1 + random.nextInt(12);
      String price = String.format(Locale.ROOT, "%.2f", 0.5 + random.nextInt(2_000) / 100.0);
      String date = random.nextInt(150) == 0 ? "2010-13-01 08:00:00" : at.toString().replace('T', ' ') + ":00";
      String line = String.join(",", prefix + invoice, "SKU" + random.nextInt(50), "\"ITEM, NO " + random.nextInt(50)
          + "\"", String.valueOf(quantity), date, price, customer + ".0", "United Kingdom");
      lines.add(line);
      if (random.nextInt(40) == 0) lines.add(line);
    }
    return lines;
  }
}
