package dev.customerlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.Fixtures;
import dev.customerlens.generate.SyntheticEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that follow a log's customers over time, and --as-of, on a log worked out by hand. */
class OverTimeCommandTest {
  /**
   * A bought 01-01, 01-20 and 03-10; "=B" (an id a spreadsheet would run) 01-05 only; C first on
   * 02-15; D viewed 01-10 and bought 02-20. Personas: Repeat (2+ purchase days), Single (1), else Browser.
   */
  private static final String LOG = """
      customer_id,timestamp,event,category,amount
      A,2024-01-01T10:00:00,purchase,Clothing,10.00
      =B,2024-01-05T10:00:00,purchase,Clothing,50.00
      D,2024-01-10T10:00:00,view,Clothing,
      A,2024-01-20T10:00:00,purchase,Clothing,20.00
      C,2024-02-15T10:00:00,purchase,Clothing,40.00
      D,2024-02-20T10:00:00,purchase,Clothing,15.00
      A,2024-03-10T10:00:00,purchase,Clothing,30.00
      """;
  private static final String RULES = """
      {"rules": [
        {"name": "Repeat", "description": "Bought on two days or more", "when": "purchase_days >= 2", "traits": []},
        {"name": "Single", "description": "Bought on one day", "when": "purchase_days = 1", "traits": []}],
       "fallback": {"name": "Browser", "description": "No purchase yet", "traits": []}}
      """;

  @TempDir Path dir;

  private CliRun run(String... args) {
    Path log = Fixtures.write(dir, "hand.csv", LOG);
    Path rules = Fixtures.write(dir, "rules.json", RULES);
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--events", log.toString(), "--rules", rules.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void migrationPrintsTheMatrixAndExportsTheCustomersBehindEachCell() throws IOException {
    Path out = dir.resolve("out");
    CliRun run = run("migration", "--from", "2024-02-01", "--to", "2024-03-10", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("4 customers, personas as of 2024-02-01 (rows) and 2024-03-10 (columns)"), run.out());
    List<String> customers = Files.readAllLines(out.resolve("migration_customers.csv"));
    assertEquals("customer_id,from_state,to_state,persona_from,persona_to,spend_between,clv", customers.get(0));
    // "=B" bought before 02-01 and never again: Single to No activity, and its id cannot run as a formula.
    assertTrue(customers.contains("'=B,Single,No activity,Single,Single,0,"), customers.toString());
    assertTrue(customers.contains("C,New,Single,,Single,40,"), customers.toString());
    assertTrue(Files.readString(out.resolve("migration_sankey.html")).contains("\"type\":\"sankey\""));
    assertTrue(Files.readString(out.resolve("migration_flows.csv")).startsWith("from,to,customers,row_pct,spend_between,clv"));
  }

  @Test
  void migrationAndStabilityAnswerJsonWithDatesAsDays() throws IOException {
    CliRun migration = run("migration", "--from", "2024-02-01", "--to", "2024-03-10", "--format", "json");
    assertEquals(0, migration.exitCode(), migration.err());
    JsonNode m = new ObjectMapper().readTree(migration.out());
    assertEquals("2024-02-01", m.get("from").asText());
    assertEquals("2024-03-10", m.get("to").asText());
    // Four customers in four cells: A Repeat→Repeat, =B Single→No activity, C New→Single, D Browser→Single.
    assertEquals(4, m.get("flows").size());
    // Only A repeats, so no spend model: the CLV is left out, not invented.
    m.get("flows").forEach(flow -> assertTrue(flow.get("clv") == null, flow.toString()));
    CliRun stability = run("stability", "--as-of", "2024-02-21", "--format", "json");
    assertEquals(0, stability.exitCode(), stability.err());
    JsonNode s = new ObjectMapper().readTree(stability.out());
    assertEquals("2024-02-21", s.get("as_of").asText());
    assertEquals("2024-02-14", s.get("week_earlier").asText());
  }

  @Test
  void migrationRejectsReversedDatesAndDatesOutsideTheLogAsBadInput() {
    CliRun reversed = run("migration", "--from", "2024-03-10", "--to", "2024-02-01");
    assertEquals(2, reversed.exitCode());
    assertTrue(reversed.err().contains("the later day 2024-02-01 must be after the earlier day 2024-03-10"), reversed.err());
    CliRun outside = run("migration", "--from", "2024-02-01", "--to", "2024-05-01");
    assertEquals(2, outside.exitCode());
    assertTrue(outside.err().contains("2024-05-01 is outside"), outside.err());
    assertTrue(outside.err().contains("which covers 2024-01-01 to 2024-03-10"), outside.err());
  }

  @Test
  void asOfAnalysesTheLogAsItStoodThen() {
    CliRun run = run("personas", "--as-of", "2024-02-01", "--format", "json");
    assertEquals(0, run.exitCode(), run.err());
    // As of 02-01: A Repeat (2 days), =B Single, D Browser (viewed only), a third each; C is not a
    // customer yet. A's spend is $10 + $20: the $30 of 03-10 is after the date.
    String json = run.out().replaceAll("\\s", "");
    for (String persona : List.of("Repeat", "Single", "Browser")) {
      assertTrue(json.matches(".*\"persona\":\"" + persona + "\",\"description\":\"[^\"]*\",\"customers\":1,"
          + "\"share_pct\":33.3.*"), persona + " in " + run.out());
    }
    assertTrue(json.contains("\"total_amount\":30.0"), run.out());
  }

  @Test
  void asOfOutsideTheLogIsBadInputNamingTheOptionAndTheSpan() {
    CliRun run = run("personas", "--as-of", "2023-12-31");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--as-of 2023-12-31: 2023-12-31 is outside"), run.err());
  }

  @Test
  void stabilityReportsAPersonaItsCustomersLeftWithinAWeekAsUnstable() {
    CliRun run = run("stability", "--as-of", "2024-02-21");
    assertEquals(0, run.exitCode(), run.err());
    // D was a Browser on 02-14 and bought on 02-20: Browser kept none of its 1 customer.
    String browser = run.out().lines().filter(l -> l.startsWith("Browser")).findFirst().orElseThrow();
    assertTrue(browser.matches("Browser\\s+0\\s+0\\.0%.*\\s1\\s+0\\.0%\\s+Yes"), browser);
    assertTrue(run.out().contains("below 80% the persona is unstable"), run.out());
  }

  @Test
  void driftOverAPeriodWithoutEventsSaysThereIsNobodyToCompare() {
    CliRun run = run("drift", "--from", "2024-02-01", "--to", "2024-03-10", "--days", "7");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("had an event from 2024-01-26 to 2024-02-01: there is nobody to compare"), run.err());
  }

  @Test
  void evaluateNotesAFeatureThatDriftedBetweenCalibrationAndHoldout() throws IOException {
    // From 2024-04-01 the generator moves every customer to the late hours of the Young trend-follower
    // type, so the hour customers buy at differs between the calibration period and the holdout.
    Path log = dir.resolve("hours.csv");
    try (var out = Files.newBufferedWriter(log)) {
      SyntheticEvents.withSeed(2026).customers(2000).shift(LocalDate.of(2024, 4, 1), 1.0, "Young trend-follower")
          .writeCsv(out);
    }
    CliRun run = CliRun.of("evaluate", "--events", log.toString(), "--calibration-end", "2024-03-31");
    assertEquals(0, run.exitCode(), run.err());
    String note = run.err().lines().filter(l -> l.startsWith("note: ") || l.startsWith("warning: ")).findFirst().orElseThrow();
    assertTrue(note.contains("preferred_hour"), note);
    assertTrue(note.contains("between the calibration's last days (2024-01-01 to 2024-03-31) and the holdout "
        + "(2024-04-01 to 2024-06-30)"), note);
  }
}
