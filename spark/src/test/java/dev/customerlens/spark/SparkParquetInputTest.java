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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data lake's Parquet table, with its own column names and types, scores as its CSV does. */
class SparkParquetInputTest {
  @TempDir Path dir;

  @Test
  void typedParquetWithSnakeCaseColumnsScoresAsTheLocalEngineScoresTheCsv() throws IOException {
    Path csv = dir.resolve("customers.csv");
    Export.atomically(csv, SyntheticCustomers.withSeed(13).rows(5_000)::writeCsv);
    BatchScore local = BatchScorer.of(csv).score(dir.resolve("local"));
    Dataset<Row> typed = LocalSpark.session().read().option("header", true).option("inferSchema", true).csv(csv.toString());
    for (String name : typed.columns()) {
      typed = typed.withColumnRenamed(name, name.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("_$", ""));
    }
    Path parquet = dir.resolve("customers.parquet");
    typed.coalesce(1).write().parquet(parquet.toString());
    assertTrue(List.of(typed.columns()).contains("purchase_amount_usd"), List.of(typed.columns()).toString());

    try (SparkCustomers customers = SparkAnalytics.on(LocalSpark.session()).load(parquet.toString());
         SparkScores scores = customers.score()) {
      assertEquals(0, scores.rejected().count());
      scores.write(dir.resolve("spark").toString());
    }
    assertEquals(List.of(), CsvTables.differences(CsvTables.read(local.scores()),
        CsvTables.read(dir.resolve("spark").resolve(SparkScores.SCORES_CSV))));
  }
}
