package dev.customerlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Outputs written under one folder (any Hadoop path) all or none: each is written by Spark's commit
 * protocol into a hidden sibling folder, and they are renamed into place only when every one
 * succeeded, so a failed job leaves the previous outputs, never a partial one.
 */
final class StagedOutputs {
  private StagedOutputs() {}

  /**
   * Runs each writer, in order, on the staging path of its output (named by the key); returns the
   * paths the outputs were moved to.
   */
  static List<String> write(SparkSession spark, String directory, Map<String, Consumer<String>> writers) {
    Path out = new Path(directory);
    String attempt = ".lens-" + UUID.randomUUID();
    Map<String, Path> staged = new LinkedHashMap<>();
    try {
      FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(out);
      try {
        for (Map.Entry<String, Consumer<String>> writer : writers.entrySet()) {
          Path path = new Path(out, attempt + "-" + writer.getKey());
          staged.put(writer.getKey(), path);
          writer.getValue().accept(path.toString());
        }
      } catch (Throwable e) {
        // Spark's job failures are checked exceptions thrown from Scala, so catch everything here.
        for (Path path : staged.values()) fs.delete(path, true);
        throw e;
      }
      List<String> written = new ArrayList<>();
      for (Map.Entry<String, Path> entry : staged.entrySet()) {
        Path target = new Path(out, entry.getKey());
        if (fs.exists(target)) fs.delete(target, true);
        if (!fs.rename(entry.getValue(), target)) throw new IOException("cannot rename " + entry.getValue() + " to " + target);
        written.add(target.toString());
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the outputs under " + directory, e);
    }
  }

  /** Rows as CSV part files with a header, text guarded against spreadsheet formulas. */
  static void csv(Dataset<Row> rows, String path) {
    guarded(rows).write().mode(SaveMode.ErrorIfExists).option("header", true).option("quote", "\"")
        .option("escape", "\"").option("emptyValue", "").option("lineSep", "\n").csv(path);
  }

  /** Text cells a spreadsheet would run as a formula get a leading apostrophe, as {@code Export.guard} does. */
  static Dataset<Row> guarded(Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      Column c = col("`" + field.name().replace("`", "``") + "`");
      columns.add(field.dataType() instanceof StringType
          ? when(substring(c, 1, 1).isin("=", "+", "-", "@", "\t", "\r"), concat(lit("'"), c)).otherwise(c).as(field.name())
          : c);
    }
    return rows.select(columns.toArray(Column[]::new));
  }
}
