package dev.customerlens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** An analysis as of a date sees the log as it stood then, and measures time from that date. */
class AsOfTest {
  private static EventLog log() {
    return Fixtures.threeBuyersLog("asof.csv");
  }

  @Test
  void aCutLogKeepsOnlyEventsUpToTheDayAndEndsOnThatDay() {
    EventLog cut = log().until(LocalDate.of(2024, 2, 1));
    assertEquals(3, cut.rowCount());
    // No event on 02-01 itself, yet the cut log covers up to it: recency is measured from there.
    assertEquals(LocalDate.of(2024, 2, 1), cut.lastDate());
    assertEquals(List.of("A", "B"), cut.customerIds());
  }

  @Test
  void customersAsOfADateHaveTheFeaturesTheyHadThen() {
    Table customers = CustomerAnalytics.fromLog(log(), "test").asOf(LocalDate.of(2024, 2, 1)).customers();
    assertEquals(List.of("A", "B"), customers.stringColumn("customer_id").asList());
    // A: $10 + $20 by then (the $30 of 03-10 is later); last purchase 01-20, 12 days before 02-01.
    assertEquals(30.0, customers.doubleColumn("spend").getDouble(0));
    assertEquals(12.0, customers.doubleColumn("recency_days").getDouble(0));
    // B: one purchase on 01-05, 27 days before.
    assertEquals(27.0, customers.doubleColumn("recency_days").getDouble(1));
  }

  @Test
  void aTransactionLogCutBeforeItsLastDayHasNoInvoiceLineTalliesRatherThanLaterOnes() {
    String sales = """
        Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
        1001,A1,MUG,2,2024-01-01 10:00:00,3.00,7,France
        1002,A1,MUG,3,2024-02-01 10:00:00,3.00,7,France
        """;
    EventLog log = EventLog.read(new ByteArrayInputStream(sales.getBytes(StandardCharsets.UTF_8)), "sales.csv",
        LogFormat.TRANSACTIONS, LogReadOptions.strict());
    // The whole file: 2 + 3 mugs. Cut at 01-15 the tallies would still say 5, so there are none.
    assertEquals(5.0, dev.customerlens.events.CustomerFeatures.of(log).doubleColumn("units").getDouble(0));
    assertTrue(dev.customerlens.events.CustomerFeatures.of(log.until(LocalDate.of(2024, 1, 15)))
        .doubleColumn("units").isMissing(0));
    // And the whole log without them compares with the cut one on the same footing.
    assertTrue(dev.customerlens.events.CustomerFeatures.of(log.eventsOnly()).doubleColumn("units").isMissing(0));
  }

  @Test
  void aDateOutsideTheLogIsBadInputThatNamesTheLogsSpan() {
    var analytics = CustomerAnalytics.fromLog(log(), "test");
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> analytics.asOf(LocalDate.of(2023, 12, 31)));
    assertEquals("2023-12-31 is outside asof.csv, which covers 2024-01-01 to 2024-03-10", e.getMessage());
  }

  @Test
  void aCustomerTableAloneHasNoDatesToGoBackTo() {
    WorkspaceException e = assertThrows(WorkspaceException.class,
        () -> CustomerAnalytics.of(dev.customerlens.data.Dataset.embedded()).asOf(LocalDate.of(2024, 2, 1)));
    assertTrue(e.getMessage().contains("needs an event log"), e.getMessage());
  }
}
