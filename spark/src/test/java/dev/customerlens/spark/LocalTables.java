package dev.customerlens.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A local engine's table next to the Spark rows that should equal it, and test files from the classpath. */
final class LocalTables {
  private LocalTables() {}

  /**
   * Differences between a local table and Spark rows, row by row in order: the same column names,
   * numbers within 1e-9 (relative above 1), everything else equal. Empty when they agree.
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

  /**
   * A local table as Spark rows, typed as Tablesaw types its columns: text (blank as ''), numbers
   * (missing as null), yes/no and dates.
   */
  static Dataset<Row> toSpark(SparkSession spark, Table table) {
    List<StructField> fields = new ArrayList<>();
    for (Column<?> column : table.columns()) {
      ColumnType type = column.type();
      DataType sparkType = type == ColumnType.INTEGER ? DataTypes.IntegerType
          : type == ColumnType.DOUBLE ? DataTypes.DoubleType
          : type == ColumnType.BOOLEAN ? DataTypes.BooleanType
          : type == ColumnType.LOCAL_DATE ? DataTypes.DateType
          : DataTypes.StringType;
      fields.add(DataTypes.createStructField(column.name(), sparkType, true));
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < table.rowCount(); r++) {
      Object[] values = new Object[table.columnCount()];
      for (int c = 0; c < values.length; c++) {
        Column<?> column = table.column(c);
        Object value = column.isMissing(r) && column.type() != ColumnType.STRING ? null : column.get(r);
        values[c] = value instanceof LocalDate day ? java.sql.Date.valueOf(day) : value;
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, DataTypes.createStructType(fields));
  }

  private static boolean same(Object x, Object y) {
    if (y instanceof java.sql.Date date) y = date.toLocalDate();
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
