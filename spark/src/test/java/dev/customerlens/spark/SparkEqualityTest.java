package dev.customerlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import dev.customerlens.score.BatchScore;
import dev.customerlens.score.BatchScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test: on a generated table of 100,000 customers, every output column of
 * the Spark engine equals the local engine's, row by row (numbers within 1e-9), in CSV and Parquet.
 */
class SparkEqualityTest {
  private static final int ROWS = 100_000;
  @TempDir static Path dir;
  private static Path input;
  private static BatchScore local;
  private static List<String> written;

  @BeforeAll
  static void scoreWithBothEngines() throws IOException {
    input = dir.resolve("customers-100k.csv");
    Export.atomically(input, SyntheticCustomers.withSeed(SyntheticCustomers.DEFAULT_SEED).rows(ROWS)::writeCsv);
    local = BatchScorer.of(input).score(dir.resolve("local"));
    try (SparkCustomers customers = SparkAnalytics.on(LocalSpark.session()).load(input.toString());
         SparkScores scores = customers.score()) {
      written = scores.write(dir.resolve("spark").toString());
    }
  }

  @Test
  void sparkCsvEqualsLocalScoresRowByRowInInputOrder() {
    CsvTables.Table expected = CsvTables.read(local.scores());
    CsvTables.Table actual = CsvTables.read(dir.resolve("spark").resolve(SparkScores.SCORES_CSV));
    assertEquals(ROWS, expected.rows().size());
    assertEquals(List.of(), CsvTables.differences(expected, actual));
  }

  @Test
  void sparkParquetPartitionedByPersonaHoldsTheSameRows() {
    Path parquet = dir.resolve("spark").resolve(SparkScores.SCORES);
    List<Row> rows = LocalSpark.session().read().parquet(parquet.toString())
        .orderBy("source_line").select(SparkScoring.OUTPUT.stream().map(org.apache.spark.sql.functions::col)
            .toArray(org.apache.spark.sql.Column[]::new)).collectAsList();
    CsvTables.Table expected = CsvTables.read(local.scores());
    List<List<String>> actual = rows.stream().map(row -> {
      List<String> cells = new java.util.ArrayList<>();
      for (int c = 0; c < row.size(); c++) cells.add(row.isNullAt(c) ? "" : String.valueOf(row.get(c)));
      return cells;
    }).toList();
    assertEquals(List.of(), CsvTables.differences(expected, new CsvTables.Table(expected.header(), actual)));
    try (var personas = Files.list(parquet)) {
      assertEquals(local.personaSummary().rowCount(),
          personas.filter(p -> p.getFileName().toString().startsWith("persona=")).count(),
          "one Parquet partition per persona");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void personaSummaryEqualsLocal() {
    CsvTables.Table expected = CsvTables.read(local.personas());
    CsvTables.Table actual = CsvTables.read(dir.resolve("spark").resolve(SparkScores.PERSONAS));
    assertEquals(List.of(), CsvTables.differences(expected, actual));
  }

  @Test
  void cleanInputRejectsNothingAndWritesAllFourOutputs() {
    assertEquals(4, written.size());
    assertTrue(CsvTables.read(dir.resolve("spark").resolve(SparkScores.REJECTED)).rows().isEmpty());
  }
}
