package dev.customerlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.Fixtures;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Online Retail II lines: one purchase per invoice, with every excluded line counted under its rule. */
class TransactionLogTest {
  @TempDir Path dir;

  private static String small() {
    try (InputStream in = TransactionLogTest.class.getResourceAsStream("/events/online-retail-small.csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private EventLog read(String text) {
    return EventLog.read(Fixtures.write(dir, "retail.csv", text), LogFormat.TRANSACTIONS);
  }

  @Test
  void countsEachExclusionRuleOncePerLine() {
    LogSummary summary = read(small()).summary();

    assertEquals(15, summary.rowsRead());
    assertEquals(2, summary.excluded(ExclusionRule.CANCELLATION));
    assertEquals(3, summary.excluded(ExclusionRule.MISSING_CUSTOMER));
    assertEquals(1, summary.excluded(ExclusionRule.RETURN));
    assertEquals(1, summary.excluded(ExclusionRule.ZERO_QUANTITY));
    assertEquals(1, summary.excluded(ExclusionRule.ZERO_PRICE));
    assertEquals(1, summary.excluded(ExclusionRule.NEGATIVE_PRICE));
    assertEquals(1, summary.excluded(ExclusionRule.DUPLICATE));
    assertEquals(5, summary.rowsKept());
  }

  @Test
  void eachKeptInvoiceIsOnePurchaseWorthTheSumOfItsLines() {
    Table table = read(small()).table();

    assertEquals(4, table.rowCount());
    assertEquals(List.of("purchase"), table.stringColumn("event").unique().asList());
    assertEquals(164.40, table.doubleColumn("amount").get(0), 1e-9, "the duplicate line is not counted twice");
    assertEquals(30.60, table.doubleColumn("amount").get(1), 1e-9);
    assertEquals(54.08, table.doubleColumn("amount").get(3), 1e-9);
  }

  @Test
  void decimalCustomerIdsReadAsWholeNumbers() {
    Table table = read(small()).table();

    assertEquals(List.of("13085", "13085", "13078", "17850"), table.stringColumn("customer_id").asList());
  }

  @Test
  void readsThe2011ReleaseHeadersAndMonthFirstDates() {
    String text = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n";
    EventLog log = read(text);

    assertEquals(15.30, log.table().doubleColumn("amount").get(0), 1e-9);
    assertEquals(8, log.table().dateTimeColumn("timestamp").get(0).getHour());
    assertEquals(12, log.table().dateTimeColumn("timestamp").get(0).getMonthValue());
  }

  @Test
  void badQuantityNamesFileLineAndColumn() {
    DataFileException e = assertThrows(DataFileException.class, () -> read(small().replace(",12,2009-12-01 07:46", ",twelve,2009-12-01 07:46")));
    Issue issue = e.issues().get(0);

    assertEquals(5, issue.line());
    assertEquals(4, issue.columnNumber());
    assertEquals("Quantity", issue.column());
  }

  @Test
  void quantityOverAMillionUnitsIsRejectedAsUnbelievableNotCountedAsSpend() {
    // 20,250,101 units on line 5: a date pasted into the quantity column, not an order.
    DataFileException e = assertThrows(DataFileException.class,
        () -> read(small().replace(",12,2009-12-01 07:46", ",20250101,2009-12-01 07:46")));
    Issue issue = e.issues().get(0);

    assertEquals(5, issue.line());
    assertEquals(4, issue.columnNumber());
    assertTrue(issue.message().contains("not a believable quantity"), issue.message());
  }

  @Test
  void negativeQuantityOverAMillionIsRejectedTooButAnOrdinaryReturnIsKeptAsAReturn() {
    DataFileException e = assertThrows(DataFileException.class,
        () -> read(small().replace(",12,2009-12-01 07:46", ",-5000000,2009-12-01 07:46")));
    assertEquals(5, e.issues().get(0).line());

    assertEquals(1, read(small().replace(",12,2009-12-01 07:46", ",-2,2009-12-01 07:46")).summary()
        .excluded(ExclusionRule.RETURN) - read(small()).summary().excluded(ExclusionRule.RETURN));
  }

  @Test
  void funnelIsUnavailableForATransactionLogAndSaysWhy() {
    Funnel funnel = read(small()).funnel();

    assertFalse(funnel.available());
    assertTrue(funnel.reason().contains("records purchases only"), funnel.reason());
    assertEquals(null, funnel.views());
  }

  @Test
  void summaryStatesEveryRule() {
    String text = read(small()).summary().toString();

    for (ExclusionRule rule : ExclusionRule.values()) assertTrue(text.contains(rule.description()), rule.name());
  }
}
