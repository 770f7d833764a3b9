package dev.customerlens.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.cli.CliRun;
import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lens score} through the real command line. */
class ScoreCommandTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void scoresTheEmbeddedDataAndWritesBothTables() throws Exception {
    CliRun run = run("score", "--out", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("scored 3,900 customers of embedded:customers.csv"), run.err());
    List<String> scores = Files.readAllLines(dir.resolve(BatchScorer.SCORES_FILE));
    assertEquals(3901, scores.size());
    assertEquals("customer_id,persona,traits,purchase_pct,churn_pct,revenue_potential,clv,priority,recommendation",
        scores.get(0));
    assertTrue(Files.readString(dir.resolve(BatchScorer.PERSONAS_FILE)).startsWith("persona,description,customers,"));
    assertTrue(run.out().isEmpty(), "stdout stays clean");
  }

  @Test
  void reportsABadRowLikeTheOtherCommandsAndWritesNothing() throws Exception {
    Path input = dir.resolve("bad.csv");
    Export.atomically(input, SyntheticCustomers.withSeed(1).rows(20)::writeCsv);
    List<String> lines = Files.readAllLines(input);
    lines.set(5, lines.get(5).replaceFirst(",\\d+,", ",forty,"));
    Files.write(input, lines);
    CliRun run = run("score", "--input", input.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains(input + ":6:2: Age \"forty\" is not a whole number"), run.err());
    assertFalse(Files.exists(dir.resolve("out").resolve(BatchScorer.SCORES_FILE)));
  }

  @Test
  void leniencySkipsTheBadRowAndSaysWhich() throws Exception {
    Path input = dir.resolve("bad.csv");
    Export.atomically(input, SyntheticCustomers.withSeed(1).rows(20)::writeCsv);
    List<String> lines = Files.readAllLines(input);
    lines.set(5, lines.get(5).replaceFirst(",\\d+,", ",forty,"));
    Files.write(input, lines);
    CliRun run = run("score", "--input", input.toString(), "--lenient", "--out", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("skipped: " + input + ":6:2: Age \"forty\""), run.err());
    assertEquals(20, Files.readAllLines(dir.resolve(BatchScorer.SCORES_FILE)).size());
  }

  @Test
  void aMissingInputIsBadInput() {
    CliRun run = run("score", "--input", dir.resolve("nowhere.csv").toString(), "--out", dir.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("nowhere.csv:1: no such file"), run.err());
  }
}
