package dev.customerlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.data.ColumnMapping;
import dev.customerlens.data.DataFileException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Any order export through a --columns mapping, and the timestamp rules every log keeps. */
class MappedLogTest {
  private static final LocalDateTime FILE_TIME = LocalDateTime.of(2024, 7, 1, 12, 0);

  private static EventLog read(String text, LogFormat format, String mapping) {
    LogReadOptions options = LogReadOptions.strict().withColumns(ColumnMapping.parse(mapping))
        .withNewestFileTime(FILE_TIME);
    return EventLog.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "orders.csv", format, options);
  }

  @Test
  void anOrderExportWithLineTotalsBecomesOnePurchasePerOrder() {
    EventLog log = read("""
        Client,Date,Order No,Total,Dept
        a,2024-06-01 10:00,55,12.50,Garden
        a,2024-06-01 10:00,55,7.50,Garden
        b,2024-06-02 11:00,56,30,Kitchen
        """, LogFormat.TRANSACTIONS, "customer=Client,time=Date,order=Order No,amount=Total,category=Dept");
    Table events = log.table();
    // Order 55 has two lines, 12.50 + 7.50 = 20; order 56 one line of 30.
    assertEquals(2, events.rowCount());
    assertEquals(20.0, events.doubleColumn("amount").getDouble(0), 1e-9);
    assertEquals(30.0, events.doubleColumn("amount").getDouble(1), 1e-9);
    Table features = CustomerFeatures.of(log);
    assertEquals("Garden", features.stringColumn("category").get(0));
  }

  @Test
  void withoutAnOrderColumnEachLineIsAnOrderAndEpochSecondsAreTimes() {
    // 1717236000 is 2024-06-01T10:00:00Z.
    EventLog log = read("""
        who,when,paid
        a,1717236000,10
        a,1717236000,5
        """, LogFormat.TRANSACTIONS, "customer=who,time=when,amount=paid");
    assertEquals(2, log.rowCount());
    assertEquals(LocalDateTime.of(2024, 6, 1, 10, 0), log.table().dateTimeColumn("timestamp").get(0));
    assertTrue(log.summary().timesOfDay());
  }

  @Test
  void aMappedHeaderThatIsNotThereIsNamedWithTheHeadersFound() {
    var e = assertThrows(DataFileException.class, () -> read("who,when,paid\na,2024-06-01,10\n",
        LogFormat.TRANSACTIONS, "customer=Client,time=when,amount=paid"));
    assertTrue(e.getMessage().contains("orders.csv:1: Client is named for customer by the column mapping, but the "
        + "header has no such column; found: who, when, paid"), e.getMessage());
  }

  @Test
  void aPartTheLayoutDoesNotHaveIsRefusedWithTheKnownParts() {
    var e = assertThrows(DataFileException.class, () -> read("who,when,paid\na,2024-06-01,10\n",
        LogFormat.TRANSACTIONS, "customer=who,time=when,amount=paid,colour=who"));
    assertTrue(e.getMessage().contains("\"colour\" is not a part of this log layout; known: order, product, "
        + "category, quantity, time, price, customer, country, amount"), e.getMessage());
  }

  @Test
  void aTimestampBefore1990IsRejectedWithItsLineAndColumn() {
    var e = assertThrows(DataFileException.class, () -> read("""
        customer_id,timestamp,event,category,amount
        1,2024-06-01T10:00:00,purchase,Toys,5
        1,1970-01-01T00:00:00,purchase,Toys,5
        """, LogFormat.EVENTS, ""));
    assertTrue(e.getMessage().contains("orders.csv:3:2: timestamp \"1970-01-01T00:00:00\" is before 1990-01-01"),
        e.getMessage());
  }

  @Test
  void aTimestampMoreThanADayAfterTheFilesLastChangeIsInTheFuture() {
    // The file last changed at 2024-07-01 12:00, so 2024-07-02 12:00 is the latest allowed.
    EventLog ok = read("customer_id,timestamp,event,category,amount\n1,2024-07-02T12:00:00,purchase,Toys,5\n",
        LogFormat.EVENTS, "");
    assertEquals(1, ok.rowCount());
    var e = assertThrows(DataFileException.class, () -> read(
        "customer_id,timestamp,event,category,amount\n1,2024-07-02T12:00:01,purchase,Toys,5\n", LogFormat.EVENTS, ""));
    assertTrue(e.getMessage().contains("orders.csv:2:2: timestamp \"2024-07-02T12:00:01\" is after 2024-07-02T12:00, "
        + "more than a day after the file's last change"), e.getMessage());
  }

  @Test
  void aLogThatMixesTimestampFormatsIsRejectedWhereTheFormatChanges() {
    var e = assertThrows(DataFileException.class, () -> read("""
        Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
        1,A,MUG,1,2011-01-02 08:26:00,2.00,7,UK
        2,A,MUG,1,1/2/2011 8:26,2.00,7,UK
        """, LogFormat.TRANSACTIONS, ""));
    assertTrue(e.getMessage().contains("orders.csv:3:5: InvoiceDate \"1/2/2011 8:26\" is written as month-first "
        + "(1/2/2011 8:26), but line 2 wrote ISO-8601"), e.getMessage());
  }

  @Test
  void aMalformedMappingSaysWhatTheFormIs() {
    var e = assertThrows(dev.customerlens.errors.WorkspaceException.class, () -> ColumnMapping.parse("customer:Client"));
    assertEquals("column mapping \"customer:Client\" is not part=Header (for example customer=Customer ID)",
        e.getMessage());
  }
}
