package dev.customerlens.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dev.customerlens.WorkspaceException;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Field;
import dev.customerlens.data.Frequency;
import dev.customerlens.data.HeaderMapping;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a customer table on the cluster and checks every cell as {@code CellParser} does, with the
 * same messages, as Spark expressions. Rows that fail go to the rejected rows with every reason;
 * the job goes on. CSV lines are numbered per file (the header is line 1) by counting each
 * partition's lines first, which costs one extra pass over the text but locates every rejected row
 * exactly. CSV records must be one per line, as Spark's own CSV reader requires unless told otherwise.
 */
final class CustomerInput {
  static final String FILE = "source_file";
  static final String LINE = "source_line";
  static final String ORDER = "source_order";
  static final String RAW = "raw";
  static final String REASONS = "reasons";
  private static final String PROBLEM = "source_problem";
  private static final Field[] FIELDS = Field.values();
  /** Line numbers live in the low 40 bits of the order key; the file's place in name order above them. */
  private static final int LINE_BITS = 40;

  private CustomerInput() {}

  /** Every row, with string cells under the fields' keys, its location, raw text and any line-level problem. */
  static Dataset<Row> read(SparkSession spark, String path, InputFormat format) {
    return switch (format) {
      case CSV -> csv(spark, path);
      case PARQUET -> parquet(spark, path);
    };
  }

  private static StructType rawSchema() {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField(FILE, DataTypes.StringType, false),
        DataTypes.createStructField(LINE, DataTypes.LongType, true),
        DataTypes.createStructField(ORDER, DataTypes.LongType, false),
        DataTypes.createStructField(RAW, DataTypes.StringType, true),
        DataTypes.createStructField(PROBLEM, DataTypes.StringType, true)));
    for (Field field : FIELDS) fields.add(DataTypes.createStructField(field.key(), DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  /** One partition's share of one file: how many lines it holds, and its first line. */
  private record Share(int partition, String file, long lines, String firstLine) implements Serializable {}

  private static Dataset<Row> csv(SparkSession spark, String path) {
    JavaRDD<Row> lines = spark.read().text(path).select(col("value"), col("_metadata.file_path")).javaRDD();
    List<Share> shares = lines.mapPartitionsWithIndex((partition, rows) -> {
      Map<String, Share> seen = new LinkedHashMap<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        String file = row.getString(1);
        Share share = seen.get(file);
        seen.put(file, share == null ? new Share(partition, file, 1, row.getString(0))
            : new Share(partition, file, share.lines() + 1, share.firstLine()));
      }
      return seen.values().iterator();
    }, true).collect();
    if (shares.isEmpty()) throw new WorkspaceException(path + ": no lines to read; expected a header and customer rows");

    // Per file, partitions in index order hold its lines in order: each starts after those before it.
    TreeMap<String, List<Share>> byFile = new TreeMap<>();
    for (Share share : shares) byFile.computeIfAbsent(share.file(), f -> new ArrayList<>()).add(share);
    Map<String, Long> firstLineOf = new HashMap<>();
    Map<String, int[]> columnsOf = new HashMap<>();
    Map<String, Integer> widthOf = new HashMap<>();
    Map<String, Long> fileOrder = new HashMap<>();
    for (Map.Entry<String, List<Share>> entry : byFile.entrySet()) {
      List<Share> parts = entry.getValue();
      parts.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
      long start = 1;
      for (Share part : parts) {
        firstLineOf.put(part.partition() + "\u0000" + part.file(), start);
        start += part.lines();
      }
      String file = entry.getKey();
      List<String> header = Arrays.asList(parser().parseLine(parts.get(0).firstLine()));
      HeaderMapping mapping = HeaderMapping.of(file, header);
      int[] columns = new int[FIELDS.length];
      for (Field field : FIELDS) columns[field.ordinal()] = mapping.index(field);
      columnsOf.put(file, columns);
      widthOf.put(file, mapping.width());
      fileOrder.put(file, (long) fileOrder.size() << LINE_BITS);
    }

    JavaRDD<Row> rows = lines.mapPartitionsWithIndex((partition, it) -> numbered(partition, it, firstLineOf, columnsOf,
        widthOf, fileOrder), true);
    return spark.createDataFrame(rows, rawSchema());
  }

  private static Iterator<Row> numbered(int partition, Iterator<Row> lines, Map<String, Long> firstLineOf,
      Map<String, int[]> columnsOf, Map<String, Integer> widthOf, Map<String, Long> fileOrder) {
    CsvParser parser = parser();
    Map<String, Long> next = new HashMap<>();
    List<Row> out = new ArrayList<>();
    return new Iterator<>() {
      Row pending = advance();

      private Row advance() {
        while (lines.hasNext()) {
          Row line = lines.next();
          String text = line.getString(0);
          String file = line.getString(1);
          long number = next.computeIfAbsent(file, f -> firstLineOf.get(partition + "\u0000" + f));
          next.put(file, number + 1);
          if (number == 1 || text.isBlank()) continue;
          return parse(parser, text, file, number, columnsOf.get(file), widthOf.get(file), fileOrder.get(file) | number);
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

  private static Row parse(CsvParser parser, String text, String file, long line, int[] columns, int width, long order) {
    Object[] cells = new Object[5 + FIELDS.length];
    cells[0] = file;
    cells[1] = line;
    cells[2] = order;
    cells[3] = text;
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
    cells[4] = problem;
    if (problem == null) {
      for (Field field : FIELDS) cells[5 + field.ordinal()] = values[columns[field.ordinal()]];
    }
    return RowFactory.create(cells);
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

  /** Parquet columns found by the same tolerant header matching; the order key follows the partitions. */
  private static Dataset<Row> parquet(SparkSession spark, String path) {
    Dataset<Row> table = spark.read().parquet(path);
    String[] names = table.columns();
    HeaderMapping mapping;
    try {
      mapping = HeaderMapping.of(path, List.of(names));
    } catch (DataFileException e) {
      throw new WorkspaceException(e.getMessage().replace(":1:", " (Parquet schema) column "), e);
    }
    List<Column> select = new ArrayList<>(List.of(col("_metadata.file_path").as(FILE), lit(null).cast("long").as(LINE),
        monotonically_increasing_id().as(ORDER), to_json(struct(Arrays.stream(names).map(n -> col("`" + n + "`"))
            .toArray(Column[]::new))).as(RAW), lit(null).cast("string").as(PROBLEM)));
    for (Field field : FIELDS) {
      StructField source = table.schema().fields()[mapping.index(field)];
      Column cell = col("`" + source.name() + "`");
      select.add((source.dataType() instanceof BooleanType ? when(cell, "Yes").when(cell.isNotNull(), "No")
          : cell.cast("string")).as(field.key()));
    }
    return table.select(select.toArray(Column[]::new));
  }

  // ---- checks -----------------------------------------------------------------------------------

  private static final String NUMBER = "^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$";

  /**
   * The raw rows with every field typed under its key, and {@value #REASONS}: the problems of the row
   * as {@code Issue} words them ("Age \"abc\" is not a whole number; expected ..."), joined by " | ",
   * or null when the row is valid.
   */
  static Dataset<Row> checked(Dataset<Row> raw) {
    // Three projections, so that each stripped cell and parsed number is computed once and then
    // referred to: Spark does not inline a projection whose costly expressions are used twice.
    List<Column> stripped = new ArrayList<>(List.of(col(FILE), col(LINE), col(ORDER), col(RAW), col(PROBLEM)));
    for (Field field : FIELDS) {
      stripped.add(regexp_replace(col(field.key()), "^\\p{javaWhitespace}+|\\p{javaWhitespace}+$", "").as(field.key()));
    }
    List<Column> parsed = new ArrayList<>(List.of(col(FILE), col(LINE), col(ORDER), col(RAW), col(PROBLEM)));
    for (Field field : FIELDS) {
      parsed.add(col(field.key()));
      if (numeric(field)) {
        Column digits = field.kind() == Field.Kind.MONEY ? regexp_replace(col(field.key()), "^\\$", "") : col(field.key());
        parsed.add(when(digits.rlike(NUMBER), digits.cast("double")).as(number(field)));
      }
    }
    List<Column> select = new ArrayList<>(List.of(col(FILE), col(LINE), col(ORDER), col(RAW)));
    List<Column> errors = new ArrayList<>();
    for (Field field : FIELDS) {
      Cell cell = cell(field);
      select.add(cell.value.as(field.key()));
      errors.add(cell.error);
    }
    Column fieldErrors = concat_ws(" | ", errors.toArray(Column[]::new));
    select.add(when(col(PROBLEM).isNotNull(), col(PROBLEM)).when(fieldErrors.notEqual(""), fieldErrors).as(REASONS));
    return raw.select(stripped.toArray(Column[]::new)).select(parsed.toArray(Column[]::new))
        .select(select.toArray(Column[]::new));
  }

  private static boolean numeric(Field field) {
    return switch (field.kind()) {
      case AGE, COUNT, MONEY, RATING -> true;
      default -> false;
    };
  }

  private static String number(Field field) {
    return field.key() + "__number";
  }

  /** A field's typed value and, when it is not valid, the reason (else null). */
  private record Cell(Column value, Column error) {}

  private static Cell cell(Field field) {
    Column text = col(field.key());
    Column blank = coalesce(text.equalTo(""), lit(true));
    Column empty = field.required() ? when(blank, reason(field, text, "is empty; " + field.expectation())) : lit(null);
    return switch (field.kind()) {
      case ID, TEXT -> new Cell(when(not(blank), text), empty.cast("string"));
      case AGE, COUNT -> {
        Column x = col(number(field));
        Column whole = when(x.isNotNull().and(abs(x).leq(Integer.MAX_VALUE)), x.equalTo(floor(x))).otherwise(false);
        Column range = field.kind() == Field.Kind.AGE ? x.between(Field.MIN_AGE, Field.MAX_AGE) : x.geq(0);
        String outside = field.kind() == Field.Kind.AGE ? "is not a plausible age; " : "is negative; ";
        yield new Cell(when(not(blank).and(whole), x.cast("int")),
            when(blank, empty).when(not(whole), reason(field, text, "is not a whole number; " + field.expectation()))
                .when(not(range), reason(field, text, outside + field.expectation())));
      }
      case MONEY, RATING -> {
        Column x = col(number(field));
        Column finite = x.isNotNull().and(x.notEqual(Double.POSITIVE_INFINITY)).and(x.notEqual(Double.NEGATIVE_INFINITY));
        Column range = field.kind() == Field.Kind.MONEY ? x.geq(0) : x.between(1, 5);
        String outside = field.kind() == Field.Kind.MONEY ? "is negative; " : "is outside 1 to 5; ";
        yield new Cell(when(not(blank).and(finite), x),
            when(blank, empty).when(not(finite), reason(field, text, "is not a number; " + field.expectation()))
                .when(not(range), reason(field, text, outside + field.expectation())));
      }
      case YES_NO -> {
        Column answer = lower(text);
        yield new Cell(when(answer.equalTo("yes"), true).when(answer.equalTo("no"), false),
            when(blank, empty).when(not(answer.isin("yes", "no")),
                reason(field, text, "is not Yes or No; " + field.expectation())));
      }
      case FREQUENCY -> {
        Column key = regexp_replace(lower(text), "[\\s_\\-]", "");
        Column label = null;
        for (Frequency frequency : Frequency.values()) {
          String squashed = frequency.label().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
          label = (label == null ? when(key.equalTo(squashed), frequency.label())
              : label.when(key.equalTo(squashed), frequency.label()));
        }
        yield new Cell(label, when(blank, empty).when(label.isNull(),
            reason(field, text, "is not a known purchase frequency; " + field.expectation())));
      }
    };
  }

  /** {@code Age "abc" is not a whole number; ...}, the value cut to 60 characters as {@code Issue} does. */
  private static Column reason(Field field, Column value, String message) {
    Column shown = when(length(value).leq(60), value).otherwise(concat(substring(value, 1, 57), lit("...")));
    return concat(lit(field.header() + " \""), coalesce(shown, lit("")), lit("\" " + message));
  }
}
