package dev.customerlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dev.customerlens.WorkspaceException;
import dev.customerlens.data.CellParser;
import dev.customerlens.data.Field;
import dev.customerlens.data.HeaderMapping;
import dev.customerlens.data.Issue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * reason, and the job goes on. Rows are numbered per file, the CSV header being line 1 and a
 * Parquet file's first row row 1, by counting each partition's rows first: one extra, cheap pass
 * that locates every rejected row exactly. CSV records must be one per line, as Spark's own CSV
 * reader requires unless told otherwise.
 */
final class CustomerInput {
  static final String FILE = "source_file";
  static final String LINE = "source_line";
  static final String ORDER = "source_order";
  static final String RAW = "raw";
  static final String REASONS = "reasons";
  private static final Field[] FIELDS = Field.values();
  /** Line numbers live in the low 40 bits of the order key; the file's place in name order above them. */
  private static final int LINE_BITS = 40;
  private static final String KEY = "\u0000";

  private CustomerInput() {}

  /**
   * Every row: source_file, source_line, source_order, each field typed under its key (null where
   * the row is rejected), raw (the row's text, rejected rows only) and reasons (null when valid).
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
    JavaRDD<Row> rows = source.javaRDD();
    List<Share> shares = phases.time("count rows per file and partition", () -> rows.mapPartitionsWithIndex(
        (partition, it) -> count(partition, it, format), true).collect());
    if (shares.isEmpty()) throw new WorkspaceException(path + ": nothing to read; expected customer rows");
    Layout layout = Layout.of(shares, format, format == InputFormat.PARQUET ? source.schema().fields()[2] : null);
    JavaRDD<Row> typed = rows.mapPartitionsWithIndex((partition, it) -> numbered(partition, it, layout, format), true);
    return spark.createDataFrame(typed, schema());
  }

  static StructType schema() {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField(FILE, DataTypes.StringType, false),
        DataTypes.createStructField(LINE, DataTypes.LongType, false),
        DataTypes.createStructField(ORDER, DataTypes.LongType, false)));
    for (Field field : FIELDS) fields.add(DataTypes.createStructField(field.key(), type(field), true));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(REASONS, DataTypes.StringType, true));
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

  /** One partition's share of one file: how many rows it holds, and its first one (a CSV file's header, if it starts there). */
  private record Share(int partition, String file, long rows, String first) implements Serializable {}

  private static Iterator<Share> count(int partition, Iterator<Row> rows, InputFormat format) {
    Map<String, Share> seen = new LinkedHashMap<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      String file = row.getString(1);
      Share share = seen.get(file);
      seen.put(file, share == null ? new Share(partition, file, 1, format == InputFormat.CSV ? row.getString(0) : null)
          : new Share(partition, file, share.rows() + 1, share.first()));
    }
    return seen.values().iterator();
  }

  /**
   * Where each partition's rows start in their file, each file's place in name order and, per file,
   * which column holds each field. Spark reads a file's splits in partition order, so a partition's
   * rows of a file follow those of the partitions before it.
   */
  private record Layout(Map<String, Long> firstRow, Map<String, Long> fileOrder, Map<String, int[]> columns,
      Map<String, Integer> width) implements Serializable {
    static Layout of(List<Share> shares, InputFormat format, StructField parquetRow) {
      TreeMap<String, List<Share>> byFile = new TreeMap<>();
      for (Share share : shares) byFile.computeIfAbsent(share.file(), f -> new ArrayList<>()).add(share);
      Map<String, Long> firstRow = new HashMap<>();
      Map<String, Long> fileOrder = new HashMap<>();
      Map<String, int[]> columns = new HashMap<>();
      Map<String, Integer> width = new HashMap<>();
      for (Map.Entry<String, List<Share>> entry : byFile.entrySet()) {
        String file = entry.getKey();
        List<Share> parts = new ArrayList<>(entry.getValue());
        parts.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        long start = 1;
        for (Share part : parts) {
          firstRow.put(part.partition() + KEY + file, start);
          start += part.rows();
        }
        List<String> header = format == InputFormat.CSV ? Arrays.asList(parser().parseLine(parts.get(0).first()))
            : Arrays.asList(((StructType) parquetRow.dataType()).fieldNames());
        HeaderMapping mapping = HeaderMapping.of(file, header);
        int[] at = new int[FIELDS.length];
        for (Field field : FIELDS) at[field.ordinal()] = mapping.index(field);
        columns.put(file, at);
        width.put(file, mapping.width());
        fileOrder.put(file, (long) fileOrder.size() << LINE_BITS);
      }
      return new Layout(firstRow, fileOrder, columns, width);
    }
  }

  private static Iterator<Row> numbered(int partition, Iterator<Row> rows, Layout layout, InputFormat format) {
    CsvParser parser = format == InputFormat.CSV ? parser() : null;
    Map<String, Long> next = new HashMap<>();
    return new Iterator<>() {
      Row pending = advance();

      private Row advance() {
        while (rows.hasNext()) {
          Row row = rows.next();
          String file = row.getString(1);
          long number = next.computeIfAbsent(file, f -> layout.firstRow().get(partition + KEY + f));
          next.put(file, number + 1);
          long order = layout.fileOrder().get(file) | number;
          int[] columns = layout.columns().get(file);
          if (format == InputFormat.PARQUET) {
            String[] all = cells(row.getStruct(2));
            String[] cells = new String[FIELDS.length];
            for (Field field : FIELDS) cells[field.ordinal()] = all[columns[field.ordinal()]];
            return typed(file, number, order, row.getString(0), cells, columns, null);
          }
          String text = row.getString(0);
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
    String[] cells = new String[FIELDS.length];
    for (Field field : FIELDS) cells[field.ordinal()] = values[columns[field.ordinal()]];
    return typed(file, line, order, text, cells, columns, null);
  }

  /** Each cell parsed by {@link CellParser}; every failure becomes a reason worded as the local reader words it. */
  private static Row typed(String file, long line, long order, String raw, String[] cells, int[] columns, String problem) {
    Object[] out = new Object[3 + FIELDS.length + 2];
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
    }
    boolean rejected = reasons.length() > 0;
    out[out.length - 2] = rejected ? raw : null;
    out[out.length - 1] = rejected ? reasons.toString() : null;
    if (rejected) Arrays.fill(out, 3, 3 + FIELDS.length, null);
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
