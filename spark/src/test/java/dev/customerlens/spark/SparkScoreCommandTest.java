package dev.customerlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.cli.Main;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.persona.PersonaSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tech.tablesaw.api.Table;

/** {@code lens score --engine spark}: the command line finds the Spark engine and writes what it says it wrote. */
class SparkScoreCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String err) {}

  private static Run lens(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int exit = cli.execute(args);
    return new Run(exit, err.toString());
  }

  @Test
  void scoreWithTheSparkEngineWritesParquetCsvPersonasAndRejectedRowsAndSaysWhereTheTimeWent() throws IOException {
    Path input = dir.resolve("customers.csv");
    Export.atomically(input, SyntheticCustomers.withSeed(11).rows(2_000)::writeCsv);
    Path out = dir.resolve("exports");
    Run run = lens("score", "--engine", "spark", "--master", "local[2]", "--input", input.toString(), "--out", out.toString());
    assertEquals(0, run.exit(), run.err());
    for (String name : List.of(SparkScores.SCORES, SparkScores.SCORES_CSV, SparkScores.PERSONAS, SparkScores.REJECTED)) {
      assertTrue(run.err().lines().anyMatch(line -> line.startsWith("wrote ") && line.endsWith("/" + name)), name + " in " + run.err());
      assertTrue(Files.exists(out.resolve(name).resolve("_SUCCESS")), name + " committed");
    }
    assertTrue(run.err().contains("exact percentile thresholds"), run.err());
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "no staging folders left");
    }
    assertEquals(2_000, CsvTables.read(out.resolve(SparkScores.SCORES_CSV)).rows().size());
  }

  /**
   * The embedded log with one bad row added: every customer's persona and traits equal the Tablesaw
   * evaluation of the log model over the local features, and so does the persona summary; every
   * customer's scores, forecasts and top recommendation equal {@code lens score --events} on the
   * local engine; the bad row is rejected at its line.
   */
  @Test
  void aLogScoredWithTheSparkEngineGivesEachCustomerAndPersonaTheLocalProfileScoresAndSummary() throws IOException {
    Path log = LocalTables.copy("/dev/customerlens/data/events.csv", dir.resolve("events.csv"));
    long badLine = Files.readAllLines(log).size() + 1;
    Files.writeString(log, "77,yesterday,purchase,Clothing,12.50\n", java.nio.file.StandardOpenOption.APPEND);
    Path out = dir.resolve("log-exports");

    Run run = lens("score", "--engine", "spark", "--master", "local[2]", "--events", log.toString(), "--out",
        out.toString());

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.err().lines().anyMatch(line -> line.startsWith("rejected: ") && line.contains(":" + badLine + ": ")),
        run.err());
    assertTrue(run.err().contains("forecast: learned model (XGBoost), fitted on the driver"), run.err());
    Path local = dir.resolve("local-exports");
    Run reference = lens("score", "--events", log.toString(), "--lenient", "--out", local.toString());
    assertEquals(0, reference.exit(), reference.err());
    CsvTables.Table expected = CsvTables.read(local.resolve("scores.csv"));
    CsvTables.Table scored = CsvTables.read(out.resolve(SparkScores.SCORES_CSV));
    assertTrue(expected.header().containsAll(List.of("churn_pct", "clv", "recommendation", "forecast_model")),
        "the comparison covers the scores and forecasts: " + expected.header());
    assertEquals(List.of(), CsvTables.differences(expected, scored));
    Table features = CustomerFeatures.of(EventLog.read(log, LogFormat.EVENTS, LogReadOptions.lenient()));
    CustomerModel model = CustomerModel.forLogs();
    List<String> personas = model.rules().assign(features, java.util.Set.of()).asList();
    List<String> traits = model.traits().describe(features).asList();
    CsvTables.Table written = CsvTables.read(out.resolve(SparkScoreEngine.PROFILES_CSV));
    int id = written.header().indexOf("customer_id");
    int persona = written.header().indexOf("persona");
    int trait = written.header().indexOf("traits");
    assertEquals(features.rowCount(), written.rows().size());
    for (int r = 0; r < features.rowCount(); r++) {
      List<String> row = written.rows().get(r);
      assertEquals(List.of(features.stringColumn("customer_id").get(r), personas.get(r), traits.get(r)),
          List.of(row.get(id), row.get(persona), row.get(trait)), "row " + (r + 1));
    }
    features.addColumns(tech.tablesaw.api.StringColumn.create("persona", personas));
    Table summary = PersonaSummary.of(features, model.rules(), java.util.Set.of());
    CsvTables.Table summarised = CsvTables.read(out.resolve(SparkScores.PERSONAS));
    assertEquals(summary.columnNames(), summarised.header());
    assertEquals(summary.rowCount(), summarised.rows().size());
    for (int r = 0; r < summary.rowCount(); r++) {
      for (int c = 0; c < summary.columnCount(); c++) {
        var column = summary.column(c);
        String cell = summarised.rows().get(r).get(c);
        String where = summary.stringColumn("persona").get(r) + " " + column.name();
        if (column instanceof tech.tablesaw.api.NumericColumn<?> numbers && !numbers.isMissing(r)) {
          assertEquals(numbers.getDouble(r), Double.parseDouble(cell), 1e-9, where);
        } else {
          assertEquals(column.isMissing(r) ? "" : column.getString(r), cell, where);
        }
      }
    }
    List<List<String>> rejected = CsvTables.read(out.resolve(SparkScores.REJECTED)).rows();
    assertEquals(1, rejected.size());
    assertEquals(String.valueOf(badLine), rejected.get(0).get(1));
    assertTrue(Files.exists(out.resolve(SparkScoreEngine.PROFILES).resolve("_SUCCESS")));
  }

  @Test
  void theSparkEngineNeedsAnInputFileAndSaysSo() {
    Run run = lens("score", "--engine", "spark");
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("--engine spark needs --input"), run.err());
  }

  @Test
  void anUnknownEngineIsNamedInTheError() {
    Run run = lens("score", "--engine", "flink", "--input", "x.csv");
    assertEquals(2, run.exit(), "bad usage, not a crash: " + run.err());
    assertTrue(run.err().contains("the flink engine is not on the class path"), run.err());
  }
}
