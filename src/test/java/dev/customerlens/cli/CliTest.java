package dev.customerlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void analyzePrintsTheSummaryAndWritesEveryOutput() {
    CliRun run = run("analyze", "--out", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("embedded:customers.csv: 3,900 customers"), run.out());
    assertTrue(run.out().contains("Premium Loyalist"), run.out());
    for (String file : List.of("summary.json", "personas.csv", "customers_scored.csv", "recommendations.csv",
        "recommendations.xlsx", "plan.csv", "audit.json", "report.html")) {
      assertTrue(Files.exists(dir.resolve(file)), file);
    }
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), "no temporary files left");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void analyzeOneCustomerAsJsonPrintsOnlyJson() throws Exception {
    CliRun run = run("analyze", "--customer", "101", "--format", "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("101", json.get("user_id").asText());
    assertTrue(json.has("predictive_analytics"));
  }

  @Test
  void unknownCustomerExitsWithTwoAndAOneLineMessage() {
    CliRun run = run("analyze", "--customer", "99999");
    assertEquals(2, run.exitCode());
    assertEquals("error: no customer with id \"99999\" in embedded:customers.csv (3900 customers)\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void badInputFileExitsWithTwoNamingFileLineAndColumnWithoutStackTrace() {
    Path file = Fixtures.write(dir, "bad.csv", Fixtures.smallCsv().replace(",4.6,", ",seven,"));
    CliRun run = run("analyze", "--input", file.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("error: " + file + ":4:11: Review Rating \"seven\" is not a number"), run.err());
    assertFalse(run.err().contains("at dev.customerlens"), "no stack trace");
    assertFalse(Files.exists(dir.resolve("out")), "nothing written on failure");
  }

  @Test
  void lenientAnalysisReportsSkippedRowsOnStderr() {
    Path file = Fixtures.write(dir, "bad.csv", Fixtures.smallCsv().replace(",4.6,", ",seven,"));
    CliRun run = run("analyze", "--input", file.toString(), "--lenient", "--out", dir.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("skipped 1 row:\n  " + file + ":4:11: Review Rating \"seven\""), run.err());
    assertTrue(run.out().contains("11 customers (1 rows skipped)"), run.out());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run("analyze", "--format", "yaml").exitCode());
    assertEquals(2, run("frobnicate").exitCode());
    assertEquals(2, run("generate", "--rows", "0", "--out", dir.resolve("x.csv").toString()).exitCode());
  }

  @Test
  void everyCommandHasHelp() {
    // Taken from the command line itself, so a new command cannot be left out of this test.
    var commands = new java.util.TreeSet<>(Main.commandLine().getSubcommands().keySet());
    commands.remove("help");
    assertEquals(new java.util.TreeSet<>(List.of("analyze", "audit", "drift", "evaluate", "export", "generate", "kernel",
        "migration", "personas", "recommend", "report", "score", "serve", "stability")), commands);
    for (String command : commands) {
      CliRun run = run(command, "--help");
      assertEquals(0, run.exitCode(), command);
      assertTrue(run.out().startsWith("Usage: lens " + command), run.out());
      assertEquals("", run.err(), command);
    }
    assertTrue(run().out().contains("Commands:"));
  }

  @Test
  void aCommandIsParsedWithItsOwnOptionsAloneAndAnythingElseWithEveryCommand() {
    assertEquals(java.util.Set.of("analyze"), Main.commandLine("analyze", "--out", "x").getSubcommands().keySet());
    var every = Main.commandLine().getSubcommands().keySet();
    assertEquals(15, every.size(), every.toString());
    // Usage, help on a command, a misspelling and lens's own options need every command to answer.
    for (String[] args : List.of(new String[] {"help", "analyze"}, new String[] {"analyse"}, new String[] {"--version"})) {
      assertEquals(every, Main.commandLine(args).getSubcommands().keySet(), String.join(" ", args));
    }
    CliRun misspelt = run("analyse");
    assertEquals(2, misspelt.exitCode());
    assertTrue(misspelt.err().contains("Did you mean: lens analyze"), misspelt.err());
    assertTrue(run("help", "score").out().startsWith("Usage: lens score"));
  }

  @Test
  void theCommandListPrintsEveryDescriptionWithoutFormatWarnings() {
    // picocli reports a description it cannot format (a bare %) on System.err, not the command's writer.
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    CliRun run;
    try {
      run = run("--help");
    } finally {
      System.setErr(err);
    }
    assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(run.out().contains("with 95% bootstrap intervals"), run.out());
  }

  @Test
  void personasAsJsonListsEveryPersona() throws Exception {
    CliRun run = run("personas", "--format", "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode rows = new ObjectMapper().readTree(run.out());
    assertEquals(7, rows.size());
    assertEquals("Premium Loyalist", rows.get(0).get("persona").asText());
  }

  @Test
  void rulesFileChangesThePersonas() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.json"), "{\"rules\": [{\"name\": \"Big Ticket\", "
        + "\"description\": \"Spends $150 or more\", \"when\": \"amount >= 150\"}]}");
    CliRun run = run("personas", "--rules", rules.toString(), "--format", "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode rows = new ObjectMapper().readTree(run.out());
    assertEquals(2, rows.size());
    assertEquals("Big Ticket", rows.get(0).get("persona").asText());
  }

  @Test
  void recommendWritesAGuardedCsv() throws Exception {
    String hostile = Fixtures.smallCsv().replace("\n5,45,", "\n\"=HYPERLINK(\"\"http://x\"\")\",45,");
    Path input = Fixtures.write(dir, "c.csv", hostile);
    Path out = dir.resolve("recs.csv");
    CliRun run = run("recommend", "--input", input.toString(), "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    String csv = Files.readString(out);
    assertTrue(csv.startsWith("customer_id,persona,type,priority,action,description,reason,clv\n"), csv);
    assertTrue(csv.contains("\n\"'=HYPERLINK(\"\"http://x\"\")\",Lapsing Occasional,"), "formula is defused: " + csv);
    assertFalse(csv.contains(",=HYPERLINK") || csv.contains("\"=HYPERLINK"), csv);
  }

  @Test
  void generateWritesTheEmbeddedDatasetByteForByte() throws Exception {
    Path out = dir.resolve("g.csv");
    CliRun run = run("generate", "--rows", "3900", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(Files.readString(Path.of("data/customers.csv")), Files.readString(out));
  }

  @Test
  void generateEventsWritesTheEmbeddedEventLogByteForByte() throws Exception {
    Path out = dir.resolve("e.csv");
    CliRun run = run("generate", "--events", "--rows", "3900", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("2024-01-01 to 2024-06-30"), run.err());
    assertEquals(Files.readString(Path.of("data/events.csv")), Files.readString(out));
  }

  @Test
  void auditPrintsWhatTheTableCannotTell() {
    // The 12 hand-written customers: Discount Applied and Promo Code Used differ only on customer 10
    // (Yes, No), so the audit finds an implication, not an identity; no column has dates or outcomes.
    Path file = Fixtures.write(dir, "small.csv", Fixtures.smallCsv());
    CliRun run = run("audit", "--input", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    // Findings are wrapped to 100 columns: a continuation line starts with spaces.
    List<String> lines = run.out().replace("\n" + " ".repeat(31), " ").lines().toList();
    assertEquals("Audit of " + file + ": 12 rows, 18 columns, " + (lines.size() - 1) + " findings", lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("LIMITATION  NO_TIMESTAMPS      No column holds dates or times")), run.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("LIMITATION  NO_OUTCOME         No column records what customers did")), run.out());
    assertFalse(run.out().contains("IDENTICAL"), "Discount Applied and Promo Code Used differ on customer 10: " + run.out());
    // Promo Code Used is Yes for customers 1, 2, 9 and 12, and each of them has Discount Applied = Yes.
    assertTrue(lines.contains("WARNING     IMPLIED_VALUE      Promo Code Used = Yes always comes with Discount Applied = Yes "
        + "(all 4 such rows), though both columns vary; their effects cannot be told apart"), run.out());
  }

  @Test
  void analyzeAsJsonWritesNoFilesUnlessAskedTo() throws Exception {
    CliRun run = run("analyze", "--format", "json", "--no-events");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(3900, new ObjectMapper().readTree(run.out()).get("customers").asInt());
    assertEquals("", run.err(), "nothing written, so nothing announced");
    CliRun asked = run("analyze", "--format", "json", "--no-events", "--out", dir.toString());
    assertTrue(asked.err().startsWith("wrote summary.json, "), asked.err());
    assertTrue(Files.exists(dir.resolve("summary.json")));
  }

  @Test
  void wholeBaseRunsWithoutOutWriteToAFolderNamedForTheInputAndEngine() {
    assertEquals(Path.of("exports", "sample"), OutputFolder.of(null, ""));
    assertEquals(Path.of("exports", "customers-1m-local"), OutputFolder.of("/tmp/customers-1m.csv", "local"));
    assertEquals(Path.of("exports", "customers-spark"), OutputFolder.of("s3a://lake/customers/", "spark"));
    assertEquals(Path.of("exports", "my-shop-2024"), OutputFolder.of("data/My Shop 2024.csv.gz", ""));
  }

  @Test
  void aLogAloneRunWithoutOutWritesToAFolderNamedForTheLogNotTheSample() {
    AnalyzeCommand alone = new AnalyzeCommand();
    new picocli.CommandLine(alone).parseArgs("--events", "data/My Shop orders.csv");
    assertEquals(Path.of("exports", "my-shop-orders"), OutputFolder.of(alone.input.mainInput(), ""));
    AnalyzeCommand joined = new AnalyzeCommand();
    new picocli.CommandLine(joined).parseArgs("--input", "customers.csv", "--events", "orders.csv");
    assertEquals(Path.of("exports", "customers"), OutputFolder.of(joined.input.mainInput(), ""));
  }

  @Test
  void personasTableFitsOneHundredColumns() {
    CliRun run = run("personas");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().lines().allMatch(line -> line.length() <= 100), run.out());
    for (String persona : List.of("Premium Loyalist", "Bargain Hunter", "Quality Seeker", "Frequent Shopper",
        "Lapsing Occasional", "New Explorer", "Casual Shopper")) {
      assertTrue(run.out().contains("\n" + persona + " "), persona);
    }
    assertTrue(run.out().contains("15.2%"), "shares read as percentages: " + run.out());
  }

  @Test
  void reportForOneCustomerWritesAnOfflinePage() throws Exception {
    Path out = dir.resolve("c.html");
    CliRun run = run("report", "--customer", "101", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    String html = Files.readString(out);
    assertTrue(html.contains("<h1>Customer 101</h1>"));
    assertTrue(html.contains("plotly.js v"));
  }

  @Test
  void reportOnAnUnknownCustomerWritesNothing() {
    Path out = dir.resolve("c.html");
    CliRun run = run("report", "--customer", "nobody", "--out", out.toString());
    assertEquals(2, run.exitCode());
    assertFalse(Files.exists(out));
  }

  @Test
  void exportWritesTheChosenTableInTheFormatOfTheFileName() throws Exception {
    Path json = dir.resolve("personas.json");
    assertEquals(0, run("export", "--table", "personas", "--out", json.toString()).exitCode());
    assertEquals(7, new ObjectMapper().readTree(json.toFile()).size());
    Path xlsx = dir.resolve("customers.xlsx");
    assertEquals(0, run("export", "--table", "customers", "--out", xlsx.toString()).exitCode());
    assertTrue(Files.size(xlsx) > 10_000);
    assertEquals(2, run("export", "--table", "customers", "--out", dir.resolve("x.ods").toString()).exitCode());
  }

  @Test
  void anonymizedRunWritesNoRawCustomerIdAnywhere() throws Exception {
    Path key = Files.writeString(dir.resolve("key"), "a secret key that is long enough\n");
    Path out = dir.resolve("out");
    CliRun run = run("analyze", "--anonymize", key.toString(), "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    var pseudonyms = dev.customerlens.data.Pseudonyms.fromKeyFile(key);
    for (String csv : List.of("customers_scored.csv", "recommendations.csv")) {
      List<String> lines = Files.readAllLines(out.resolve(csv));
      for (String line : lines.subList(1, lines.size())) {
        assertTrue(line.matches("^[0-9a-f]{32},.*"), csv + " starts with a pseudonym: " + line);
      }
    }
    String report = Files.readString(out.resolve("report.html"));
    assertFalse(java.util.regex.Pattern.compile("Customer \\d+[:<]").matcher(report).find(), "no raw id in the report");
    assertTrue(report.contains("Customer " + pseudonyms.of("1881")) || report.contains(pseudonyms.of("942")),
        "the drill-down names customers by pseudonym");
    CliRun one = run("analyze", "--anonymize", key.toString(), "--customer", pseudonyms.of("101"), "--format", "json");
    assertEquals(0, one.exitCode(), one.err());
    assertTrue(one.out().contains("\"user_id\" : \"" + pseudonyms.of("101") + "\""));
    assertEquals(2, run("analyze", "--anonymize", key.toString(), "--customer", "101").exitCode(), "raw ids are unknown");
  }
}
