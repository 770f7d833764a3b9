package dev.customerlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.Fixtures;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class EventLogTest {
  private static final String HEADER = "customer_id,timestamp,event,category,amount";
  private static final String GOOD = HEADER + "\n"
      + "1,2024-03-04T09:15:00,view,Clothing,\n"
      + "1,2024-03-04T09:17:30,cart,Clothing,\n"
      + "1,2024-03-04T09:20:00,purchase,Clothing,53.20\n"
      + "2,2024-03-05T21:02:10,view,Footwear,\n";

  @TempDir Path dir;

  private EventLog read(String text) {
    return read(text, LogReadOptions.strict());
  }

  private EventLog read(String text, LogReadOptions options) {
    return EventLog.read(Fixtures.write(dir, "events.csv", text), LogFormat.EVENTS, options);
  }

  private Issue onlyIssue(String text) {
    return onlyIssue(text, LogReadOptions.strict());
  }

  private Issue onlyIssue(String text, LogReadOptions options) {
    DataFileException e = assertThrows(DataFileException.class, () -> read(text, options));
    assertEquals(1, e.issues().size(), e.getMessage());
    return e.issues().get(0);
  }

  @Test
  void readsEveryEventIntoTheCommonSchema() {
    EventLog log = read(GOOD);
    Table table = log.table();

    assertEquals(List.of("customer_id", "timestamp", "event", "category", "amount"), table.columnNames());
    assertEquals(ColumnType.LOCAL_DATE_TIME, table.column("timestamp").type());
    assertEquals(4, log.rowCount());
    assertEquals(LocalDateTime.of(2024, 3, 4, 9, 20), table.dateTimeColumn("timestamp").get(2));
    assertEquals(53.20, table.doubleColumn("amount").get(2));
    assertTrue(table.doubleColumn("amount").isMissing(0), "a view without an amount has a missing amount");
  }

  @Test
  void summaryCountsEventsByTypeAndCustomers() {
    LogSummary summary = read(GOOD).summary();

    assertEquals(4, summary.rowsRead());
    assertEquals(2, summary.views());
    assertEquals(1, summary.carts());
    assertEquals(1, summary.purchases());
    assertEquals(2, summary.customers());
    assertEquals("2024-03-04T09:15", summary.first());
    assertTrue(summary.timesOfDay());
    assertTrue(summary.excluded().isEmpty());
  }

  @Test
  void theSummarysFirstAndLastTimesAreTheEarliestAndLatestWhateverTheRowOrder() {
    String shuffled = HEADER + "\n"
        + "2,2024-03-05T21:02:10,view,Footwear,\n"
        + "1,2023-12-31T23:59:59,view,Clothing,\n"
        + "1,2024-03-06T00:00:01,purchase,Clothing,53.20\n"
        + "1,2024-03-04T09:17:30,cart,Clothing,\n";
    LogSummary summary = read(shuffled).summary();

    assertEquals("2023-12-31T23:59:59", summary.first());
    assertEquals("2024-03-06T00:00:01", summary.last());
  }

  @Test
  void matchesHeadersIgnoringCaseSpacesAndUnderscores() {
    String variant = GOOD.replace(HEADER, "Customer ID, Timestamp ,EVENT,Category,Amount");
    String kaggle = GOOD.replace(HEADER, "user_id,event_time,event_type,category,amount");

    assertEquals(4, read(variant).rowCount());
    assertEquals(4, read(kaggle).rowCount());
  }

  @Test
  void readsByteOrderMarkCrlfAndQuotedFields() {
    String text = "\uFEFF" + HEADER + "\r\n1,2024-03-04T09:15:00,view,\"Shoes, boots and \"\"sneakers\"\"\",\r\n";
    EventLog log = EventLog.read(Fixtures.write(dir, "events.csv", text.getBytes(StandardCharsets.UTF_8)),
        LogFormat.EVENTS);

    assertEquals("Shoes, boots and \"sneakers\"", log.table().stringColumn("category").get(0));
  }

  @Test
  void missingColumnIsReportedOnTheHeaderLine() {
    Issue issue = onlyIssue(GOOD.replace("timestamp,", "time_stamp_x,"));

    assertEquals(1, issue.line());
    assertEquals("timestamp", issue.column());
    assertTrue(issue.message().contains("column is missing"), issue.message());
    assertTrue(issue.message().contains("found: customer_id, time_stamp_x, event"), issue.message());
  }

  @Test
  void badTimestampNamesFileLineAndColumn() {
    Issue issue = onlyIssue(GOOD.replace("2024-03-04T09:17:30", "yesterday"));

    assertEquals(3, issue.line());
    assertEquals(2, issue.columnNumber());
    assertTrue(issue.toString().startsWith(dir.resolve("events.csv") + ":3:2: timestamp \"yesterday\" is not a date"),
        issue.toString());
  }

  @Test
  void impossibleDatesAreRejectedNotRolledOver() {
    Issue issue = onlyIssue(GOOD.replace("2024-03-04T09:17:30", "2023-02-30T10:00:00"));

    assertEquals(3, issue.line());
    assertEquals("timestamp", issue.column());
  }

  @Test
  void unknownEventTypeNamesLineAndColumn() {
    Issue issue = onlyIssue(GOOD.replace(",cart,", ",click,"));

    assertEquals(3, issue.line());
    assertEquals(3, issue.columnNumber());
    assertTrue(issue.message().contains("expected view, cart or purchase"), issue.message());
  }

  @Test
  void eventTypesMatchInAnyCase() {
    assertEquals("purchase", read(GOOD.replace(",purchase,", ",PURCHASE,")).table().stringColumn("event").get(2));
  }

  @Test
  void negativeAmountOnPurchaseIsAnError() {
    Issue issue = onlyIssue(GOOD.replace("53.20", "-53.20"));

    assertEquals(4, issue.line());
    assertEquals(5, issue.columnNumber());
    assertEquals("-53.20", issue.value());
    assertTrue(issue.message().startsWith("is negative"), issue.message());
  }

  @Test
  void purchaseWithoutAmountIsAnError() {
    Issue issue = onlyIssue(GOOD.replace("53.20", ""));

    assertEquals(4, issue.line());
    assertTrue(issue.message().contains("a purchase needs its amount"), issue.message());
  }

  @Test
  void unknownCustomerIsAnErrorWhenCheckedAgainstACustomerTable() {
    Issue issue = onlyIssue(GOOD, LogReadOptions.strict().withCustomers("customers.csv", List.of("1", "3")));

    assertEquals(5, issue.line());
    assertEquals(1, issue.columnNumber());
    assertEquals("2", issue.value());
    assertTrue(issue.message().contains("is not a customer of customers.csv"), issue.message());
  }

  @Test
  void listsEveryBadRowUpToTheCap() {
    String text = GOOD.replace("view", "look");
    DataFileException all = assertThrows(DataFileException.class, () -> read(text));
    DataFileException capped = assertThrows(DataFileException.class, () -> read(text, LogReadOptions.strict().withMaxIssues(1)));

    assertEquals(2, all.issues().size());
    assertEquals(1, capped.issues().size());
    assertEquals(1, capped.moreIssues());
  }

  @Test
  void lenientReadSkipsBadRowsAndSaysWhich() {
    EventLog log = read(GOOD.replace(",cart,", ",click,"), LogReadOptions.lenient());

    assertEquals(3, log.rowCount());
    assertEquals(1, log.summary().skipped().size());
    assertEquals(3, log.summary().skipped().get(0).line());
  }

  @Test
  void rowsAreLocatedByTheLineTheyStartOn() {
    String text = HEADER + "\n1,2024-03-04T09:15:00,view,\"two\nlines\",\n1,2024-03-04T09:16:00,leave,Clothing,\n";
    assertEquals(4, onlyIssue(text).line());
  }

  @Test
  void wrongFieldCountPointsAtAnUnquotedComma() {
    Issue issue = onlyIssue(GOOD.replace("Footwear,", "Foot,wear,"));

    assertEquals(5, issue.line());
    assertTrue(issue.message().contains("unquoted comma"), issue.message());
  }

  @Test
  void emptyFileAndHeaderOnlyFileAreErrors() {
    assertEquals(1, onlyIssue("").line());
    assertEquals(2, onlyIssue(HEADER + "\n").line());
  }

  @Test
  void missingFileIsAnIssueNotAStackTrace() {
    DataFileException e = assertThrows(DataFileException.class,
        () -> EventLog.read(dir.resolve("nope.csv"), LogFormat.EVENTS));
    assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
  }

  @Test
  void customerLogKeepsOnlyThatCustomersEvents() {
    EventLog log = read(GOOD);

    assertEquals(3, log.customer("1").rowCount());
    assertEquals(0, log.customer("99").rowCount());
    assertEquals(List.of("1", "2"), log.customerIds());
  }

  @Test
  void aGzipCompressedLogHasItsLayoutDetectedAndIsReadAsTheTextItHolds() {
    String text = "customer_id,timestamp,event,category,amount\n"
        + "c1,2024-01-05 10:00:00,purchase,Shoes,40\n"
        + "c1,2024-02-05 10:00:00,view,Shoes,\n"
        + "c2,2024-01-07 09:30:00,purchase,Hats,25.5\n";
    Path file = Fixtures.write(dir, "events.csv.gz", Fixtures.gzip(text));
    assertEquals(LogFormat.EVENTS, LogFormat.detect(file));
    EventLog log = EventLog.read(file, LogFormat.EVENTS);
    assertEquals(3, log.rowCount());
    assertEquals(List.of("c1", "c2"), log.customerIds());
    assertEquals(2, log.summary().purchases());
    assertEquals(1, log.summary().views());
  }
}
