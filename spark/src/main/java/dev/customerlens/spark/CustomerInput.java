package dev.customerlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dev.customerlens.data.CellParser;
import dev.customerlens.data.ExtraColumn;
import dev.customerlens.data.Field;
import dev.customerlens.data.HeaderMapping;
import dev.customerlens.data.Issue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a customer table on the cluster, checking every cell with the core's own {@link CellParser}
 * (same rules, same messages as the local reader). A row that fails keeps its raw text and every
 * reason, and the job goes on. Rows are numbered per file by {@link NumberedRows}, the CSV header
 * being line 1 and a Parquet file's first row row 1. CSV records must be one per line, as Spark's
 * own CSV reader requires unless told otherwise.
 */
final class CustomerInput {
  private static final Field[] FIELDS = Field.values();

  private CustomerInput() {}

  /**
   * Every row: source_file, source_line, source_order, each field typed under its key (null where
   * the row is rejected), the file's own columns as text under their {@code ExtraColumn} keys (typed
   * later, by {@link SparkCustomers}, from the rows kept), raw (the row's text, rejected rows only) and
   * reasons (null when valid).
   */
  static Dataset<Row> read(SparkSession spark, String path, InputFormat format, Phases phases) {
    Dataset<Row> source = switch (format) {
      case CSV -> spark.read().text(path).select(col("value"), col("_metadata.file_path"));
      case PARQUET -> {
        Dataset<Row> table = spark.read().parquet(path);
        Column[] all = Arrays.stream(table.columns()).map(n -> col("`" + n + "`")).toArray(Column[]::new);
        yield table.select(to_json(struct(all)), col("_metadata.file_path"), struct(all));
      }
    };
    NumberedRows numbered = phases.time("count rows per file and partition", () -> NumberedRows.of(source, path));
    Layout layout = Layout.of(numbered.firsts(), format, format == InputFormat.PARQUET ? source.schema().fields()[2] : null);
    JavaRDD<Row> typed = numbered.rows().mapPartitions(rows -> typed(rows, layout, format));
    return spark.createDataFrame(typed, schema(ExtraColumn.keys(layout.extras())));
  }

  static StructType schema(List<String> extraKeys) {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField(NumberedRows.FILE, DataTypes.StringType, false),
        DataTypes.createStructField(NumberedRows.LINE, DataTypes.LongType, false),
        DataTypes.createStructField(NumberedRows.ORDER, DataTypes.LongType, false)));
    for (Field field : FIELDS) fields.add(DataTypes.createStructField(field.key(), type(field), true));
    for (String key : extraKeys) fields.add(DataTypes.createStructField(key, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(NumberedRows.RAW, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(NumberedRows.REASONS, DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  /** The Spark type of a field's value as {@link CellParser} gives it. */
  private static DataType type(Field field) {
    return switch (field.kind()) {
      case AGE, COUNT -> DataTypes.IntegerType;
      case MONEY, RATING -> DataTypes.DoubleType;
      case YES_NO -> DataTypes.BooleanType;
      case ID, TEXT, FREQUENCY -> DataTypes.StringType;
    };
  }

  /**
   * Per file, which column holds each field and then each extra column (-1 where the file lacks it),
   * and how many columns its header has; the extra columns are every file's, in the order first met
   * in files ordered by name.
   */
  private record Layout(Map<String, int[]> columns, Map<String, Integer> width, List<String> extras)
      implements Serializable {
    static Layout of(Map<String, String> firsts, InputFormat format, StructField parquetRow) {
      Map<String, HeaderMapping> mappings = new TreeMap<>();
      firsts.forEach((file, first) -> {
        List<String> header = format == InputFormat.CSV ? Arrays.asList(parser().parseLine(first))
            : Arrays.asList(((StructType) parquetRow.dataType()).fieldNames());
        mappings.put(file, HeaderMapping.of(file, header));
      });
      List<String> extras = new ArrayList<>();
      mappings.values().forEach(m -> m.extraColumns().stream().filter(h -> !extras.contains(h)).forEach(extras::add));
      Map<String, int[]> columns = new HashMap<>();
      Map<String, Integer> width = new HashMap<>();
      mappings.forEach((file, mapping) -> {
        int[] at = new int[FIELDS.length + extras.size()];
        for (Field field : FIELDS) at[field.ordinal()] = mapping.index(field);
        for (int e = 0; e < extras.size(); e++) {
          int k = mapping.extraColumns().indexOf(extras.get(e));
          at[FIELDS.length + e] = k < 0 ? -1 : mapping.extraIndexes().get(k);
        }
        columns.put(file, at);
        width.put(file, mapping.width());
      });
      return new Layout(columns, width, List.copyOf(extras));
    }
  }

  /** Numbered rows (file, number, order key, source row) to typed rows; a CSV file's header and blank lines are dropped. */
  private static Iterator<Row> typed(Iterator<Row> rows, Layout layout, InputFormat format) {
    CsvParser parser = format == InputFormat.CSV ? parser() : null;
    return new Iterator<>() {
      Row pending = advance();

      private Row advance() {
        while (rows.hasNext()) {
          Row row = rows.next();
          String file = row.getString(0);
          long number = row.getLong(1);
          long order = row.getLong(2);
          Row source = row.getStruct(3);
          int[] columns = layout.columns().get(file);
          if (format == InputFormat.PARQUET) {
            String[] all = cells(source.getStruct(2));
            return typed(file, number, order, source.getString(0), pick(all, columns), columns, null);
          }
          String text = source.getString(0);
          if (number == 1 || text.isBlank()) continue;
          return csvRow(parser, text, file, number, order, columns, layout.width().get(file));
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public Row next() {
        Row row = pending;
        pending = advance();
        return row;
      }
    };
  }

  private static String[] cells(Row parquet) {
    String[] out = new String[parquet.size()];
    for (int i = 0; i < out.length; i++) {
      Object value = parquet.get(i);
      out[i] = value == null ? "" : value instanceof Boolean yes ? (yes ? "Yes" : "No") : value.toString();
    }
    return out;
  }

  private static Row csvRow(CsvParser parser, String text, String file, long line, long order, int[] columns, int width) {
    String problem = null;
    String[] values = null;
    if (text.indexOf('\uFFFD') >= 0) {
      problem = "is not valid UTF-8 text; save the file as UTF-8";
    } else if (text.chars().filter(c -> c == '"').count() % 2 == 1) {
      problem = "malformed CSV: unclosed quote (check for an unclosed or stray double quote; records must be one per line)";
    } else {
      values = parser.parseLine(text);
      if (values.length != width) problem = "has " + values.length + " fields; the header has " + width;
    }
    if (problem != null) return typed(file, line, order, text, null, columns, new Issue(file, lineOf(line), 0, null, null, problem).toString());
    return typed(file, line, order, text, pick(values, columns), columns, null);
  }

  /** The cells of the fields, then of the extra columns (null where the file lacks one). */
  private static String[] pick(String[] values, int[] columns) {
    String[] cells = new String[columns.length];
    for (int c = 0; c < columns.length; c++) cells[c] = columns[c] < 0 ? null : values[columns[c]];
    return cells;
  }

  /** Each cell parsed by {@link CellParser}; every failure becomes a reason worded as the local reader words it. */
  private static Row typed(String file, long line, long order, String raw, String[] cells, int[] columns, String problem) {
    Object[] out = new Object[3 + columns.length + 2];
    out[0] = file;
    out[1] = line;
    out[2] = order;
    StringJoiner reasons = new StringJoiner(" | ");
    if (problem != null) reasons.add(problem);
    if (cells != null) {
      for (Field field : FIELDS) {
        String cell = cells[field.ordinal()];
        try {
          out[3 + field.ordinal()] = CellParser.parse(field, cell == null ? "" : cell);
        } catch (IllegalArgumentException e) {
          reasons.add(new Issue(file, lineOf(line), columns[field.ordinal()] + 1, field.header(), cell, e.getMessage())
              .toString());
        }
      }
      for (int e = FIELDS.length; e < columns.length; e++) out[3 + e] = cells[e];
    }
    boolean rejected = reasons.length() > 0;
    out[out.length - 2] = rejected ? raw : null;
    out[out.length - 1] = rejected ? reasons.toString() : null;
    if (rejected) Arrays.fill(out, 3, 3 + columns.length, null);
    return RowFactory.create(out);
  }

  /** Issues count lines in an int; a file of more than 2^31 lines is reported at the last one it can show. */
  private static int lineOf(long line) {
    return (int) Math.min(line, Integer.MAX_VALUE);
  }

  private static CsvParser parser() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(',');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setMaxCharsPerColumn(-1);
    settings.setMaxColumns(100_000);
    settings.setLineSeparatorDetectionEnabled(false);
    return new CsvParser(settings);
  }
}
