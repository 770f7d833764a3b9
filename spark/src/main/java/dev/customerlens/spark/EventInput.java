package dev.customerlens.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import dev.customerlens.data.SkippedRow;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.events.OrderLines;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import tech.tablesaw.api.Table;

/**
 * Reads an event log on the cluster with the core's own reader, so that every row is kept or
 * rejected exactly as {@code EventLog.read} would, for the same reasons in the same words: each task
 * hands batches of lines, the file's header line in front, to a lenient core read, and turns what it
 * kept into event rows and what it skipped into rejected rows located by file and line. No bad row
 * fails the job, and none is dropped silently. Records must be one per line, as Spark's splitting of
 * files into lines requires; a line with an unclosed quote is rejected rather than read on into the
 * next.
 *
 * <p>Rows of an event log or of the CDNOW sample stand alone, so batches of lines read as the whole
 * file would. A transaction log's invoices gather lines from anywhere in the file (and duplicates
 * are found per invoice), so each transaction file is read whole, by one task.
 *
 * <p>A Parquet log has the event layout; its cells are written out as CSV text for the same reader,
 * with the column names as the header, so its rows are checked by the same rules. Its rows are
 * located by their number in their file, the first row being 1.
 */
final class EventInput {
  /** Lines per core read: enough to make a read's setup negligible, few enough to bound a task's memory. */
  static final int BATCH_LINES = 10_000;
  /**
   * Whether the read that kept an event saw a time of day in its timestamps: over every event, this
   * is {@code LogSummary.timesOfDay()}.
   */
  static final String TIMES_OF_DAY = "times_of_day";
  /** A transaction file's tally of one customer's invoice lines, {@code OrderLines}. */
  static final String ORDER_LINES = "order_lines";
  private static final StructType ORDER_LINES_TYPE = DataTypes.createStructType(List.of(
      DataTypes.createStructField("kept_lines", DataTypes.LongType, false),
      DataTypes.createStructField("cancelled_lines", DataTypes.LongType, false),
      DataTypes.createStructField("returned_lines", DataTypes.LongType, false),
      DataTypes.createStructField("units", DataTypes.LongType, false),
      DataTypes.createStructField("spend_by_product",
          DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false),
      DataTypes.createStructField("lines_by_country",
          DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false), false)));
  /**
   * Every row read: an event (reasons and order_lines null) in the columns of
   * {@code EventLog.table()} with its location; a rejected row (reasons set) with its location and
   * raw text; or, for a transaction log, one customer's invoice lines in one file (order_lines set,
   * with the customer id and the file's location).
   */
  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField(EventLog.CUSTOMER_ID, DataTypes.StringType, true),
      DataTypes.createStructField(EventLog.TIMESTAMP, DataTypes.TimestampNTZType, true),
      DataTypes.createStructField(EventLog.EVENT, DataTypes.StringType, true),
      DataTypes.createStructField(EventLog.CATEGORY, DataTypes.StringType, true),
      DataTypes.createStructField(EventLog.AMOUNT, DataTypes.DoubleType, true),
      DataTypes.createStructField(NumberedRows.FILE, DataTypes.StringType, false),
      DataTypes.createStructField(NumberedRows.LINE, DataTypes.LongType, true),
      DataTypes.createStructField(NumberedRows.ORDER, DataTypes.LongType, false),
      DataTypes.createStructField(NumberedRows.RAW, DataTypes.StringType, true),
      DataTypes.createStructField(NumberedRows.REASONS, DataTypes.StringType, true),
      DataTypes.createStructField(TIMES_OF_DAY, DataTypes.BooleanType, true),
      DataTypes.createStructField(ORDER_LINES, ORDER_LINES_TYPE, true)));

  private static final LogReadOptions LENIENT = LogReadOptions.lenient();
  private static final CSVFormat CSV = CSVFormat.RFC4180;
  private static final String UNCLOSED_QUOTE =
      "malformed CSV: unclosed quote (check for an unclosed or stray double quote; records must be one per line)";

  private EventInput() {}

  static Dataset<Row> read(SparkSession spark, String path, LogFormat format, InputFormat input) {
    JavaRDD<Row> rows = switch (input) {
      case CSV -> text(spark, path, format);
      case PARQUET -> parquet(spark, path, format);
    };
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static JavaRDD<Row> text(SparkSession spark, String path, LogFormat format) {
    NumberedRows numbered = NumberedRows.of(spark.read().text(path).select(col("value"), col("_metadata.file_path")), path);
    boolean headed = format != LogFormat.CDNOW;
    Map<String, String> headers = new HashMap<>();
    if (headed) {
      numbered.firsts().forEach((file, first) -> {
        String header = withoutByteOrderMark(first);
        requireHeader(file, header, format);
        headers.put(file, header);
      });
    }
    Batches batches = new Batches(format, headers, null);
    // The local readers pass over empty lines (the CDNOW reader over blank ones) without counting them as rows.
    JavaRDD<Row> lines = numbered.rows()
        .filter(row -> !(headed && row.getLong(1) == 1))
        .map(row -> {
          String text = ((Row) row.get(3)).getString(0);
          return RowFactory.create(row.getString(0), row.getLong(1), row.getLong(2),
              row.getLong(1) == 1 ? withoutByteOrderMark(text) : text, null);
        })
        .filter(line -> !(headed ? line.getString(3).isEmpty() : line.getString(3).isBlank()));
    if (format == LogFormat.TRANSACTIONS) {
      return lines.groupBy(line -> line.getString(0)).flatMap(file -> {
        List<Row> inOrder = new ArrayList<>();
        file._2().forEach(inOrder::add);
        inOrder.sort((a, b) -> Long.compare(a.getLong(2), b.getLong(2)));
        return batches.read(inOrder).iterator();
      });
    }
    return lines.mapPartitions(batches::inBatches);
  }

  private static String withoutByteOrderMark(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** Rows are numbered per file from 1, as there is no header line; each row's cells become one CSV line. */
  private static JavaRDD<Row> parquet(SparkSession spark, String path, LogFormat format) {
    if (format != LogFormat.EVENTS) {
      throw new IllegalArgumentException(path + ": a Parquet log must have the event layout (" + LogFormat.EVENTS.columns()
          + "); read " + format.label() + " from its text files");
    }
    Dataset<Row> table = spark.read().parquet(path);
    String header = CSV.format((Object[]) table.columns());
    requireHeader(path, header, format);
    Column[] all = Arrays.stream(table.schema().fields()).map(f -> col(quoted(f.name()))).toArray(Column[]::new);
    Column[] cells = Arrays.stream(table.schema().fields()).map(EventInput::cellText).toArray(Column[]::new);
    NumberedRows numbered = NumberedRows.of(
        table.select(to_json(struct(all)), col("_metadata.file_path"), array(cells)), path);
    Batches batches = new Batches(format, Map.of(), header);
    return numbered.rows()
        .map(row -> {
          Row source = (Row) row.get(3);
          return RowFactory.create(row.getString(0), row.getLong(1), row.getLong(2),
              CSV.format(source.getList(2).toArray()), source.getString(0));
        })
        .mapPartitions(batches::inBatches);
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A cell as text the log reader reads; Spark writes large doubles as 1.0E7, which that reader rightly refuses. */
  private static Column cellText(StructField field) {
    Column cell = col(quoted(field.name()));
    if (field.dataType() instanceof DoubleType || field.dataType() instanceof FloatType) {
      return coalesce(cell.try_cast(DataTypes.createDecimalType(38, 10)).cast("string"), cell.cast("string"));
    }
    return cell.cast("string");
  }

  /**
   * Fails on the driver, as the local reader fails, when a header lacks a column the layout needs.
   * A header read alone always fails for want of rows (an issue on line 2); issues on line 1 are the
   * header's own.
   */
  private static void requireHeader(String file, String header, LogFormat format) {
    try {
      EventLog.read(new ByteArrayInputStream((header + "\n").getBytes(StandardCharsets.UTF_8)), file, format, LENIENT);
    } catch (DataFileException e) {
      if (e.issues().stream().anyMatch(issue -> issue.line() == 1)) throw e;
    }
  }

  /**
   * Lines of one layout to core reads. A line is a row of file (text), line (long: the row number
   * for Parquet), order (long), the text the reader reads, and the raw row to show when it is
   * rejected (null: the text itself).
   *
   * @param headers each CSV file's header line, by file
   * @param header the header of files not in {@code headers}; null for a layout without one
   */
  record Batches(LogFormat format, Map<String, String> headers, String header) implements Serializable {
    /** Reads consecutive lines of one file at a time, at most {@value #BATCH_LINES}, as the caller asks for rows. */
    Iterator<Row> inBatches(Iterator<Row> lines) {
      return new Iterator<>() {
        private Iterator<Row> done = Collections.emptyIterator();
        private Row carried;

        @Override
        public boolean hasNext() {
          while (!done.hasNext() && (carried != null || lines.hasNext())) done = read(nextBatch()).iterator();
          return done.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) throw new NoSuchElementException();
          return done.next();
        }

        private List<Row> nextBatch() {
          Row first = carried != null ? carried : lines.next();
          carried = null;
          List<Row> batch = new ArrayList<>();
          batch.add(first);
          while (batch.size() < BATCH_LINES && lines.hasNext()) {
            Row line = lines.next();
            if (!line.getString(0).equals(first.getString(0))) {
              carried = line;
              break;
            }
            batch.add(line);
          }
          return batch;
        }
      };
    }

    /** The events and rejected rows of consecutive lines of one file, in order. */
    List<Row> read(List<Row> lines) {
      List<Row> out = new ArrayList<>();
      List<Row> records = new ArrayList<>();
      for (Row line : lines) {
        if (format != LogFormat.CDNOW && unclosedQuote(line.getString(3))) out.add(rejected(line, UNCLOSED_QUOTE));
        else records.add(line);
      }
      if (records.isEmpty()) return out;
      try {
        keep(core(records), records, out);
      } catch (DataFileException batchFailed) {
        // A read fails as a whole on broken quoting, or when it keeps no row: then each row is read alone.
        List<Row> good = new ArrayList<>();
        for (Row record : records) {
          try {
            core(List.of(record));
            good.add(record);
          } catch (DataFileException bad) {
            out.add(rejected(record, reasons(bad.issues())));
          }
        }
        if (!good.isEmpty()) keep(core(good), good, out);
      }
      return out;
    }

    private String headerOf(String file) {
      return headers.getOrDefault(file, header);
    }

    private EventLog core(List<Row> records) {
      String file = records.get(0).getString(0);
      String head = headerOf(file);
      StringBuilder text = new StringBuilder();
      if (head != null) text.append(head).append('\n');
      for (Row record : records) text.append(record.getString(3)).append('\n');
      return EventLog.read(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), file, format,
          LENIENT);
    }

    /**
     * Rows the read skipped become rejected rows; the events it kept become event rows. Each record of
     * an event log or CDNOW file is one event or one skipped row, in order; a transaction file's
     * purchases (one per invoice, in order of first appearance) are ordered after its first line.
     */
    private void keep(EventLog log, List<Row> records, List<Row> out) {
      int[] starts = new int[records.size()];
      int line = headerOf(records.get(0).getString(0)) == null ? 1 : 2;
      for (int k = 0; k < starts.length; k++) {
        starts[k] = line;
        line += 1 + lineBreaks(records.get(k).getString(3));
      }
      boolean[] skipped = new boolean[starts.length];
      for (SkippedRow row : log.summary().skipped()) {
        int k = Arrays.binarySearch(starts, row.line());
        if (k < 0) throw new IllegalStateException("the reader skipped line " + row.line() + ", which starts no record");
        skipped[k] = true;
        out.add(rejected(records.get(k), reasons(row.reasons())));
      }
      Table events = log.table();
      boolean times = log.summary().timesOfDay();
      if (format == LogFormat.TRANSACTIONS) {
        Row first = records.get(0);
        for (int i = 0; i < events.rowCount(); i++) {
          out.add(event(events, i, first.getString(0), null, first.getLong(2) + i, times));
        }
        log.orderLines().forEach((customer, tally) -> out.add(orderLines(customer, tally, first)));
        return;
      }
      int i = 0;
      for (int k = 0; k < records.size(); k++) {
        if (skipped[k]) continue;
        Row record = records.get(k);
        out.add(event(events, i++, record.getString(0), record.getLong(1), record.getLong(2), times));
      }
      if (i != events.rowCount()) {
        throw new IllegalStateException(events.rowCount() + " events read from " + i + " kept records");
      }
    }
  }

  private static Row event(Table events, int i, String file, Long line, long order, boolean timesOfDay) {
    var amounts = events.doubleColumn(EventLog.AMOUNT);
    return RowFactory.create(events.stringColumn(EventLog.CUSTOMER_ID).get(i),
        events.dateTimeColumn(EventLog.TIMESTAMP).get(i), events.stringColumn(EventLog.EVENT).get(i),
        events.stringColumn(EventLog.CATEGORY).get(i), amounts.isMissing(i) ? null : amounts.getDouble(i),
        file, line, order, null, null, timesOfDay, null);
  }

  /** Placed at the file's first line, so that a customer's tallies sort as the files do. */
  private static Row orderLines(String customerId, OrderLines tally, Row first) {
    Row lines = RowFactory.create(tally.keptLines(), tally.cancelledLines(), tally.returnedLines(), tally.units(),
        CollectionConverters.asScala(tally.spendByProduct()), CollectionConverters.asScala(tally.linesByCountry()));
    return RowFactory.create(customerId, null, null, null, null, first.getString(0), null, first.getLong(2), null, null,
        null, lines);
  }

  /** A customer's tally read back from {@link #orderLines}. */
  static OrderLines orderLines(Row lines) {
    return new OrderLines(lines.getLong(0), lines.getLong(1), lines.getLong(2), lines.getLong(3), lines.getJavaMap(4),
        lines.getJavaMap(5));
  }

  private static Row rejected(Row line, String reasons) {
    String raw = line.getString(4) != null ? line.getString(4) : line.getString(3);
    return RowFactory.create(null, null, null, null, null, line.getString(0), line.getLong(1), line.getLong(2), raw,
        reasons, null, null);
  }

  /** The issues as the local reader words them, without the file and line the rejected row already has. */
  static String reasons(List<Issue> issues) {
    return issues.stream().map(issue -> {
      String located = issue.toString();
      String at = issue.file() + ":" + issue.line() + (issue.columnNumber() > 0 ? ":" + issue.columnNumber() : "") + ": ";
      return located.startsWith(at) ? located.substring(at.length()) : located;
    }).collect(Collectors.joining(" | "));
  }

  private static boolean unclosedQuote(String text) {
    return text.chars().filter(c -> c == '"').count() % 2 == 1;
  }

  /** Line breaks a record holds inside quotes (only a Parquet cell can), as the CSV reader counts lines. */
  private static int lineBreaks(String text) {
    int breaks = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) breaks++;
    }
    return breaks;
  }
}
