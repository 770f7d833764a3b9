package dev.customerlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.cli.Main;
import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
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
