package dev.customerlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the previous outputs as they were, and nothing half-written beside them. */
class SparkWriteTest {
  @TempDir Path dir;

  @Test
  void aWriteThatFailsMidJobLeavesThePreviousOutputsAndNoStagedFolders() throws IOException {
    Path input = dir.resolve("customers.csv");
    Export.atomically(input, SyntheticCustomers.withSeed(5).rows(1_000)::writeCsv);
    SparkSession spark = LocalSpark.session();
    spark.sparkContext().hadoopConfiguration().set("fs.failing.impl", FailingFileSystem.class.getName());
    spark.sparkContext().hadoopConfiguration().setBoolean("fs.failing.impl.disable.cache", true);
    Path out = dir.resolve("out");
    try (SparkCustomers customers = SparkAnalytics.on(spark).load(input.toString()); SparkScores scores = customers.score()) {
      scores.write(out.toString());
      List<String> before = listing(out);
      Exception failed = assertThrows(Exception.class, () -> scores.write("failing://" + out));
      assertTrue(stackText(failed).contains("disk full (simulated)"), stackText(failed));
      assertEquals(before, listing(out), "the previous outputs are untouched and no staged folder is left");
    }
  }

  private static List<String> listing(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.map(p -> root.relativize(p) + (Files.isRegularFile(p) ? " " + size(p) : "")).sorted().toList();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String stackText(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) out.append(t).append('\n');
    return out.toString();
  }
}
