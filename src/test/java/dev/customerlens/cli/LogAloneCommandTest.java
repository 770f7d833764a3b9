package dev.customerlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a transaction or event log with no customer table, and on a table joined to a log. */
class LogAloneCommandTest {
  @TempDir Path dir;

  private Path embeddedLog() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/dev/customerlens/data/events.csv")) {
      Path file = dir.resolve("events.csv");
      Files.copy(in, file);
      return file;
    }
  }

  @Test
  void analyzeOnALogAloneWritesEveryOutputForTheLogsOwnCustomers() throws IOException {
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("analyze", "--events", embeddedLog().toString(), "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    // The embedded log has events of 3,601 of the 3,900 embedded customers; alone, it knows only those.
    assertTrue(run.out().contains("3,601 customers"), run.out());
    for (String file : List.of("summary.json", "personas.csv", "customers_scored.csv", "recommendations.csv",
        "plan.csv", "audit.json", "report.html")) {
      assertTrue(Files.size(out.resolve(file)) > 0, file);
    }
    String header = Files.readAllLines(out.resolve("customers_scored.csv")).get(0);
    assertTrue(header.startsWith("customer_id,first_purchase,last_purchase,orders,purchase_days"), header);
    assertTrue(header.contains(",persona,traits,p_active,churn_risk,purchase_probability,"), header);
    String personas = Files.readString(out.resolve("personas.csv"));
    assertTrue(personas.contains("Premium Loyalist") && personas.contains("One-off") && personas.contains("Browser"));
    assertFalse(personas.contains("Bargain Hunter"), "a log without discounts cannot say Bargain Hunter");
  }

  @Test
  void theAuditSaysHowCustomersWereDerivedAndWhatALogCannotTell() throws IOException {
    CliRun run = CliRun.of("audit", "--events", embeddedLog().toString(), "--format", "json");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("DERIVED_FROM_LOG"), run.out());
    assertTrue(run.out().contains("3,601 customers derived from"), run.out());
    assertTrue(run.out().contains("Bargain Hunter: discounts"), run.out());
    // An event log has no invoice lines: units, cancellations, returns and country are missing, not guessed.
    assertTrue(run.out().contains("units, cancellation_share, return_share and country"), run.out());
  }

  @Test
  void oneCustomerOfATransactionLogHasForecastsAndTheModelThatMadeThem() {
    Path log = Fixtures.write(dir, "sales.csv", """
        Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
        1001,A,MUG,2,2024-01-01 10:00:00,5.00,17850.0,United Kingdom
        1002,A,MUG,4,2024-03-01 15:00:00,5.00,17850.0,United Kingdom
        1003,B,PLATE,1,2024-05-01 11:00:00,20.00,17850.0,United Kingdom
        2001,A,MUG,1,2024-06-28 18:00:00,5.00,13047.0,Germany
        3001,B,PLATE,2,2024-02-11 09:00:00,20.00,12583.0,France
        3002,B,PLATE,1,2024-06-11 09:00:00,20.00,12583.0,France
        """);
    CliRun run = CliRun.of("analyze", "--events", log.toString(), "--customer", "17850", "--format", "json");
    assertEquals(0, run.exitCode(), run.err());
    // 17850.0 is how pandas writes the id 17850.
    assertTrue(run.out().contains("\"user_id\" : \"17850\""), run.out());
    assertTrue(run.out().contains("P(no purchase in the next 90 days) by the forecast chosen on an inner validation"),
        run.out());
    assertTrue(run.out().contains("\"name\" : \"days since last purchase\""), run.out());
  }

  @Test
  void scoreOnALogAloneWritesTheBatchLayoutWithTheScoresAnalyzeGivesTheSameCustomers() throws IOException {
    Path log = Fixtures.write(dir, "sales.csv", """
        Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
        1001,A,MUG,2,2024-01-01 10:00:00,5.00,17850.0,United Kingdom
        1002,A,MUG,4,2024-03-01 15:00:00,5.00,17850.0,United Kingdom
        1003,B,PLATE,1,2024-05-01 11:00:00,20.00,17850.0,United Kingdom
        2001,A,MUG,1,2024-06-28 18:00:00,5.00,13047.0,Germany
        3001,B,PLATE,2,2024-02-11 09:00:00,20.00,12583.0,France
        3002,B,PLATE,1,2024-06-11 09:00:00,20.00,12583.0,France
        """);
    Path scored = dir.resolve("scored");
    CliRun score = CliRun.of("score", "--events", log.toString(), "--out", scored.toString());
    assertEquals(0, score.exitCode(), score.err());
    assertTrue(score.err().contains("scored 3 customers"), score.err());
    Path analyzed = dir.resolve("analyzed");
    assertEquals(0, CliRun.of("analyze", "--events", log.toString(), "--out", analyzed.toString()).exitCode());

    List<String> scores = Files.readAllLines(scored.resolve("scores.csv"));
    // lens score's columns, then a log's forecasts.
    assertEquals("customer_id,persona,traits,purchase_pct,churn_pct,revenue_potential,clv,priority,recommendation,"
        + "p_active,expected_purchases_90d,expected_spend_90d,forecast_model", scores.get(0));
    Map<String, Map<String, String>> byId = new HashMap<>();
    for (Map<String, String> row : Fixtures.csvRows(analyzed.resolve("customers_scored.csv"))) byId.put(row.get("customer_id"), row);
    List<Map<String, String>> rows = Fixtures.csvRows(scored.resolve("scores.csv"));
    assertEquals(List.of("17850", "13047", "12583"), rows.stream().map(r -> r.get("customer_id")).toList());
    for (Map<String, String> row : rows) {
      Map<String, String> same = byId.get(row.get("customer_id"));
      assertEquals(same.get("persona"), row.get("persona"));
      // The probabilities as percentages: 0.25 in customers_scored.csv is 25 in scores.csv.
      assertEquals(100 * Double.parseDouble(same.get("purchase_probability")), Double.parseDouble(row.get("purchase_pct")), 1e-9);
      assertEquals(100 * Double.parseDouble(same.get("churn_risk")), Double.parseDouble(row.get("churn_pct")), 1e-9);
      assertEquals(Double.parseDouble(same.get("clv")), Double.parseDouble(row.get("clv")), 1e-9);
      assertEquals(same.get("forecast_model"), row.get("forecast_model"));
      assertEquals(same.get("expected_spend_90d"), row.get("expected_spend_90d"));
    }
    assertTrue(Files.readString(scored.resolve("personas.csv")).startsWith("persona,description,customers,share_pct"));
  }

  @Test
  void aLogOnAnotherEngineNeedsItsLayoutNamedWhenItIsNotALocalFileAndItsOwnHeaders() {
    CliRun remote = CliRun.of("score", "--events", "hdfs://lake/sales/", "--engine", "spark");
    assertEquals(2, remote.exitCode(), remote.err());
    assertTrue(remote.err().contains("name it with --events-format TRANSACTIONS, EVENTS or CDNOW"), remote.err());

    CliRun mapped = CliRun.of("score", "--events", "sales.csv", "--engine", "spark", "--columns", "customer=Client");
    assertEquals(2, mapped.exitCode(), mapped.err());
    assertTrue(mapped.err().contains("--columns maps a log's headers for the local engine only"), mapped.err());
  }

  @Test
  void aLogWhoseEveryLineIsLeftOutIsABadInputNamingTheRule() {
    Path log = Fixtures.write(dir, "cancelled.csv", """
        Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
        C1001,A,MUG,-2,2024-01-01 10:00:00,5.00,1,United Kingdom
        """);
    CliRun run = CliRun.of("personas", "--events", log.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("cancelled.csv:1: holds no usable event or purchase"), run.err());
    assertTrue(run.err().contains("1 cancellation"), run.err());
  }

  @Test
  void aLogOfAnUnknownLayoutIsRefusedWithTheLayoutsItKnows() {
    Path log = Fixtures.write(dir, "orders.csv", "order,who,when\n1,a,2024-01-01\n");
    CliRun run = CliRun.of("personas", "--events", log.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("orders.csv:1: is not a log layout this tool recognises"), run.err());
  }

  @Test
  void aTableJoinedToALogListsTheIdsOnlyOneOfThemHasInsteadOfFailing() {
    Path customers = Fixtures.write(dir, "customers.csv", Fixtures.smallCsv());
    // Customer 1 is in the table; 999 and 998 are not.
    Path log = Fixtures.write(dir, "events.csv", """
        customer_id,timestamp,event,category,amount
        1,2024-06-01T09:00:00,purchase,Clothing,40
        999,2024-06-02T09:00:00,purchase,Clothing,25
        998,2024-06-03T09:00:00,view,Clothing,
        """);
    CliRun run = CliRun.of("analyze", "--input", customers.toString(), "--events", log.toString(),
        "--out", dir.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.err());
    CliRun audit = CliRun.of("audit", "--input", customers.toString(), "--events", log.toString(), "--format", "json");
    assertEquals(0, audit.exitCode(), audit.err());
    assertTrue(audit.out().contains("2 of 3 customers of " + log + " are not in " + customers + " (999, 998)"), audit.out());
    assertTrue(audit.out().contains("11 of 12 customers of " + customers + " have no event in " + log), audit.out());
  }

  @Test
  void aLogWhoseIdsMatchNoCustomerOfTheTableIsABadInput() {
    Path customers = Fixtures.write(dir, "customers.csv", Fixtures.smallCsv());
    Path log = Fixtures.write(dir, "events.csv", """
        customer_id,timestamp,event,category,amount
        C-1,2024-06-01T09:00:00,purchase,Clothing,40
        """);
    CliRun run = CliRun.of("personas", "--input", customers.toString(), "--events", log.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains(log + ":1: customer id matches none of the 12 customer ids of " + customers
        + " (the log's first ids: C-1;"), run.err());
  }
}
