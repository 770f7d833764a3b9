package dev.customerlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.generate.SyntheticEvents;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lens evaluate} on a log alone: CDNOW as published, and a generated log with the default split. */
class EvaluateCommandTest {
  private static final String CDNOW = "src/test/resources/cdnow/CDNOW_sample.txt";

  @TempDir Path dir;

  @Test
  void cdnowFromTheCommandLineReproducesThePublishedEstimates() throws Exception {
    CliRun run = CliRun.of("evaluate", "--events", CDNOW, "--events-format", "CDNOW", "--calibration-end",
        "1997-09-30", "--format", "json");

    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    // Fader, Hardie and Lee (2005): BG/NBD r = 0.243, alpha = 4.414, a = 0.793, b = 2.426;
    // Gamma-Gamma p = 6.25, q = 3.74, gamma = 15.44.
    assertEquals(0.243, json.at("/model/r").asDouble(), 0.001);
    assertEquals(4.414, json.at("/model/alpha").asDouble(), 0.01);
    assertEquals(0.793, json.at("/model/a").asDouble(), 0.001);
    assertEquals(2.426, json.at("/model/b").asDouble(), 0.01);
    assertEquals(6.25, json.at("/spend_model/p").asDouble(), 0.01);
    assertEquals(3.74, json.at("/spend_model/q").asDouble(), 0.01);
    assertEquals(15.44, json.at("/spend_model/gamma").asDouble(), 0.05);
    assertEquals("1998-06-30", json.get("holdout_end").asText());
    assertEquals(2357, json.get("customers").asInt());
  }

  @Test
  void jsonMarksTheChosenScoreAndGivesSpendFigures() throws Exception {
    Path log = generatedLog();
    CliRun run = CliRun.of("evaluate", "--events", log.toString(), "--format", "json");

    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    int chosen = 0;
    for (JsonNode score : json.get("scores")) {
      assertTrue(score.has("name") && score.has("auc") && score.has("chosen"), score.toString());
      if (score.get("chosen").asBoolean()) {
        chosen++;
        assertEquals(json.get("chosen").asText(), score.get("name").asText());
        assertTrue(score.has("brier"), score.toString());
      }
    }
    assertEquals(1, chosen);
    for (String key : new String[] {"predicted_total", "actual_total", "mae", "spearman"}) {
      assertTrue(json.at("/spend").has(key), key + " in " + json.get("spend"));
    }
  }

  @Test
  void defaultHoldoutIsTheLastThirdOfTheLogsSpan() throws Exception {
    // The generated log runs 2024-01-01 to 2024-08-27 (240 days, a span of 239): a third is 79 days.
    Path log = generatedLog();
    CliRun run = CliRun.of("evaluate", "--events", log.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("calibration to 2024-06-09, holdout to 2024-08-27 (79 days)"), run.out());
  }

  @Test
  void holdoutDaysEndTheHoldoutBeforeTheLogDoes() throws Exception {
    Path log = generatedLog();
    CliRun run = CliRun.of("evaluate", "--events", log.toString(), "--calibration-end", "2024-05-31",
        "--holdout-days", "30");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("calibration to 2024-05-31, holdout to 2024-06-30 (30 days)"), run.out());
  }

  @Test
  void calibrationEndWithNoHoldoutAfterItExitsWithTwo() throws Exception {
    CliRun run = CliRun.of("evaluate", "--events", generatedLog().toString(), "--calibration-end", "2024-12-31");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("leaves no holdout"), run.err());
  }

  @Test
  void helpListsEveryLogFormat() {
    CliRun run = CliRun.of("evaluate", "--help");

    assertEquals(0, run.exitCode());
    for (String format : new String[] {"EVENTS", "TRANSACTIONS", "CDNOW", "--calibration-end", "--holdout-days"}) {
      assertTrue(run.out().contains(format), format + " in " + run.out());
    }
  }

  private Path generatedLog() throws Exception {
    Path file = dir.resolve("events.csv");
    try (Writer out = Files.newBufferedWriter(file)) {
      SyntheticEvents.withSeed(5).customers(400).from(LocalDate.of(2024, 1, 1)).days(240).writeCsv(out);
    }
    return file;
  }
}
