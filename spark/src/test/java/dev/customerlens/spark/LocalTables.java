package dev.customerlens.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import tech.tablesaw.api.Table;

/** A local engine's table next to the Spark rows that should equal it, and test files from the classpath. */
final class LocalTables {
  private LocalTables() {}

  /**
   * Differences between a local table and Spark rows, row by row in order: the same column names,
   * numbers within 1e-9 (relative above 1), a missing number (NaN) as null, everything else equal.
   * Empty when they agree.
   */
  static List<String> differences(Table expected, Dataset<Row> actual) {
    List<String> out = new ArrayList<>();
    if (!expected.columnNames().equals(List.of(actual.columns()))) {
      out.add("columns differ: " + expected.columnNames() + " vs " + List.of(actual.columns()));
      return out;
    }
    List<Row> rows = actual.collectAsList();
    if (expected.rowCount() != rows.size()) out.add("row counts differ: " + expected.rowCount() + " vs " + rows.size());
    for (int r = 0; r < Math.min(expected.rowCount(), rows.size()) && out.size() < 20; r++) {
      for (int c = 0; c < expected.columnCount(); c++) {
        Object x = expected.column(c).get(r);
        Object y = rows.get(r).get(c);
        if (!same(x, y)) out.add("row " + (r + 1) + " " + expected.column(c).name() + ": " + x + " vs " + y);
      }
    }
    return out;
  }

  private static boolean same(Object x, Object y) {
    if (y instanceof java.sql.Date date) y = date.toLocalDate();
    if (x instanceof Double d && d.isNaN()) return y == null;
    if (x instanceof Number a && y instanceof Number b) {
      double u = a.doubleValue();
      double v = b.doubleValue();
      return Math.abs(u - v) <= 1e-9 * Math.max(1, Math.abs(u));
    }
    return Objects.equals(x, y);
  }

  /** |x − y| ≤ tolerance × |x|. */
  static boolean relativelyClose(double x, double y, double tolerance) {
    return Math.abs(x - y) <= tolerance * Math.abs(x);
  }

  /** A classpath resource copied to a file, as Spark reads files, not streams. */
  static Path copy(String resource, Path file) {
    try (InputStream in = LocalTables.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is not on the classpath");
      Files.copy(in, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code read} with Spark splitting files into partitions of at most {@code bytes}, to exercise split files. */
  static <T> T withPartitionsOf(String bytes, Supplier<T> read) {
    var conf = LocalSpark.session().conf();
    conf.set("spark.sql.files.maxPartitionBytes", bytes);
    try {
      return read.get();
    } finally {
      conf.unset("spark.sql.files.maxPartitionBytes");
    }
  }
}
