package dev.customerlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log's customers derived on the cluster ({@code SparkEvents.features}) equal
 * {@code CustomerFeatures.of} on the same log, every column of every row in order: an event log
 * with browsing, the CDNOW sample (dates only, split over partitions), and a transaction log in two
 * files whose customers' invoice lines are worked out by hand.
 */
class SparkLogFeaturesTest {
  private static final String HEADER = "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country";
  @TempDir Path dir;

  private static SparkAnalytics spark() {
    return SparkAnalytics.on(LocalSpark.session());
  }

  @Test
  void embeddedEventLogFeaturesFromSparkEqualTheLocalFeaturesRowByRow() {
    Path file = LocalTables.copy("/dev/customerlens/data/events.csv", dir.resolve("events.csv"));
    EventLog local = EventLog.read(file, LogFormat.EVENTS);

    try (SparkEvents events = spark().events(file.toString())) {
      assertTrue(local.summary().hasBrowsing() && local.summary().timesOfDay());
      assertEquals(List.of(), LocalTables.differences(CustomerFeatures.of(local), events.features()));
    }
  }

  @Test
  void cdnowFeaturesFromSparkEqualTheLocalFeaturesWithoutHoursOrBrowsing() {
    Path file = LocalTables.copy("/cdnow/CDNOW_sample.txt", dir.resolve("CDNOW_sample.txt"));
    EventLog local = EventLog.read(file, LogFormat.CDNOW);

    try (SparkEvents events = LocalTables.withPartitionsOf("64k", () -> spark().events(file.toString(), LogFormat.CDNOW))) {
      List<Row> rows = events.features().select("preferred_hour", "views", "carts").collectAsList();
      assertEquals(2357, rows.size());
      assertTrue(rows.stream().allMatch(row -> row.isNullAt(0) && row.isNullAt(1) && row.isNullAt(2)));
      assertEquals(List.of(), LocalTables.differences(CustomerFeatures.of(local), events.features()));
    }
  }

  /**
   * Customer 12001 buys in both files: file a holds invoice 500001 (2 mugs at 1.50 and a plate at
   * 4.00, from the UK) and a cancelled line; file b holds invoice 500004 (2 plates at 4.00 and a
   * returned mug, from France). So 3 kept lines, 1 cancelled, 1 returned, 5 units; shares 1/4 each;
   * plates 12.00 of 15.00 spend; the UK on 2 of 3 kept lines. Customer 12002 buys a bowl in each.
   */
  @Test
  void transactionLogInTwoFilesAddsEachCustomersInvoiceLinesFromBothFiles() {
    Path folder = dir.resolve("retail");
    Path a = write(folder.resolve("a.csv"), HEADER,
        "500001,S1,MUG,2,2011-01-03 10:00:00,1.50,12001,United Kingdom",
        "500001,S2,PLATE,1,2011-01-03 10:00:00,4.00,12001,United Kingdom",
        "C500002,S1,MUG,-1,2011-01-04 10:00:00,1.50,12001,United Kingdom",
        "500003,S3,BOWL,3,2011-01-05 11:00:00,2.00,12002,France");
    Path b = write(folder.resolve("b.csv"), HEADER,
        "500004,S2,PLATE,2,2011-02-01 09:00:00,4.00,12001,France",
        "500004,S1,MUG,-1,2011-02-01 09:00:00,1.50,12001,France",
        "500005,S3,BOWL,1,2011-02-02 12:00:00,2.00,12002,France");
    EventLog local = EventLog.read(a, LogFormat.TRANSACTIONS).append(EventLog.read(b, LogFormat.TRANSACTIONS));

    try (SparkEvents events = spark().events(folder.toString(), LogFormat.TRANSACTIONS)) {
      Map<String, Row> byId = events.features().collectAsList().stream()
          .collect(Collectors.toMap(row -> row.getString(row.fieldIndex("customer_id")), row -> row));
      Row first = byId.get("12001");
      assertEquals(2, (int) first.getAs("orders"));
      assertEquals(15.0, (double) first.getAs("spend"), 1e-9);
      assertEquals(5.0, (double) first.getAs("units"));
      assertEquals(0.25, (double) first.getAs("cancellation_share"));
      assertEquals(0.25, (double) first.getAs("return_share"));
      assertEquals("United Kingdom", first.getAs("country"));
      assertEquals("PLATE", first.getAs("category"));
      assertEquals("PLATE 80%, MUG 20%", first.getAs("top_categories"));
      assertEquals(29.0, (double) first.getAs("mean_interpurchase_days"));
      Row second = byId.get("12002");
      assertEquals(4.0, (double) second.getAs("units"));
      assertEquals(0.0, (double) second.getAs("cancellation_share"));
      assertEquals("France", second.getAs("country"));
      assertEquals("BOWL 100%", second.getAs("top_categories"));
      // Of the two spends, 15 is above one of two customers (50), 8 above none (0).
      assertEquals(50.0, (double) first.getAs(CustomerFeatures.SPEND_PERCENTILE));
      assertEquals(0.0, (double) second.getAs(CustomerFeatures.SPEND_PERCENTILE));
      assertEquals(List.of(), LocalTables.differences(CustomerFeatures.of(local), events.features()));
    }
  }

  private static Path write(Path file, String... lines) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
