package dev.customerlens.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;

import dev.customerlens.clv.ForecastFit;
import dev.customerlens.clv.LogScore;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.EventType;
import dev.customerlens.events.OrderLines;
import dev.customerlens.events.RfmScore;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * {@code CustomerFeatures.of(log)} on the cluster. Spark groups each customer's events (in file
 * order) and invoice-line tallies and ranks them for the RFM scores; the features themselves are
 * derived by the core's own {@code CustomerFeatures.History} and {@code Columns}, a batch of
 * customers at a time on the executors, so no feature's rule is written twice. The spend
 * percentile, which ranks every customer, is {@code Features.midRank} over the counts of distinct
 * spends ({@code PercentileCuts.midRanks}).
 */
final class LogFeatures {
  /** Customers per core batch: enough to make a batch's setup negligible, few enough to bound a task's memory. */
  private static final int BATCH_CUSTOMERS = 10_000;
  private static final String ORDER = NumberedRows.ORDER;
  private static final String SPEND = "spend";
  private static final String AMOUNT = "amount";

  private LogFeatures() {}

  /**
   * The features, and the customers' derived rows cached beneath them, which the caller releases
   * when done: the ranks and the rows they join both read them, and deriving them twice would
   * double the executors' work.
   */
  record Derived(Dataset<Row> features, Dataset<Row> cached) {}

  /** Whether the log has browsing events (views, carts) and times of day: the core's features read both. */
  record Flags(boolean browsing, boolean hours) {
    static Flags of(Dataset<Row> read) {
      Row flags = read.filter(col(NumberedRows.REASONS).isNull().and(col(EventInput.ORDER_LINES).isNull()))
          .agg(max(col(EventLog.EVENT).isin(EventType.VIEW.label(), EventType.CART.label())),
              max(col(EventInput.TIMES_OF_DAY)))
          .first();
      return new Flags(!flags.isNullAt(0) && flags.getBoolean(0), !flags.isNullAt(1) && flags.getBoolean(1));
    }
  }

  /**
   * @param read every row {@link EventInput} read (events, rejected rows and invoice-line tallies)
   * @param events the events alone, as {@code SparkEvents.events()}
   */
  static Derived of(SparkSession spark, Dataset<Row> read, Dataset<Row> events, LocalDate asOf) {
    return of(spark, read, events, asOf, null);
  }

  /**
   * The features with each customer's scores ({@code LogScore.COLUMNS}) from {@code fit}, applied to
   * each batch of customers' events on the executors, and source_order; without a fit, the features alone.
   */
  static Derived of(SparkSession spark, Dataset<Row> read, Dataset<Row> events, LocalDate asOf,
      Broadcast<ForecastFit> fit) {
    Flags flags = Flags.of(read);
    String id = EventLog.CUSTOMER_ID;
    Dataset<Row> histories = events.filter(to_date(col(EventLog.TIMESTAMP)).leq(lit(asOf)))
        .groupBy(col(id))
        .agg(min(ORDER).as(ORDER), array_sort(collect_list(struct(col(ORDER), col(EventLog.TIMESTAMP),
            col(EventLog.EVENT), col(EventLog.CATEGORY), col(EventLog.AMOUNT)))).as("events"));
    Dataset<Row> lines = read.filter(col(EventInput.ORDER_LINES).isNotNull())
        .groupBy(col(id))
        .agg(collect_list(struct(col(ORDER), col(EventInput.ORDER_LINES))).as("lines"));
    Dataset<Row> rfm = EventSummaries.rfm(events, asOf)
        .select(col(id), col("recency_days"), col("frequency"), col("monetary"), col("r_score"), col("f_score"),
            col("m_score"));
    String[] byId = {id};
    Dataset<Row> customers = histories.join(lines, byId, "left").join(rfm, byId, "left")
        .select(col(id), col(ORDER), col("events"), col("lines"), col("recency_days"), col("frequency"),
            col("monetary"), col("r_score"), col("f_score"), col("m_score"));

    Derive derive = new Derive(asOf, flags.browsing(), flags.hours(), fit);
    JavaRDD<Row> rows = customers.javaRDD().mapPartitions(derive::inBatches);
    Dataset<Row> derived = spark.createDataFrame(rows, schema(fit != null)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> ranks = PercentileCuts.midRanks(derived, SPEND, CustomerFeatures.SPEND_PERCENTILE);
    List<String> columns = new ArrayList<>(CustomerFeatures.RULES.keySet());
    if (fit != null) {
      columns.addAll(LogScore.COLUMNS);
      columns.add(ORDER);
    }
    return new Derived(derived.join(ranks, new String[] {SPEND}, "inner")
        .orderBy(col(ORDER))
        .select(columns.stream().map(functions::col).toArray(Column[]::new)), derived);
  }

  /**
   * The derived columns as Spark types them: text, dates, whole numbers and doubles (missing as null),
   * then the order key, then the scores where there are some.
   */
  private static StructType schema(boolean scored) {
    List<StructField> fields = new ArrayList<>();
    Table empty = new CustomerFeatures.Columns(LocalDate.EPOCH, false, false).table();
    for (var column : empty.columns()) {
      ColumnType type = column.type();
      // By equality: Tablesaw's type constants and singletons initialise each other, so a JVM may hold two of one type.
      boolean text = type.equals(ColumnType.STRING);
      DataType spark = text ? DataTypes.StringType
          : type.equals(ColumnType.LOCAL_DATE) ? DataTypes.DateType
          : type.equals(ColumnType.INTEGER) ? DataTypes.IntegerType
          : DataTypes.DoubleType;
      fields.add(DataTypes.createStructField(column.name(), spark, !text));
    }
    fields.add(DataTypes.createStructField(ORDER, DataTypes.LongType, false));
    if (scored) {
      for (String score : LogScore.COLUMNS) {
        boolean text = score.equals(LogScore.MODEL);
        fields.add(DataTypes.createStructField(score, text ? DataTypes.StringType : DataTypes.DoubleType, !text));
      }
    }
    return DataTypes.createStructType(fields);
  }

  /** One task's customers, each row (id, order, events, lines, RFM) to its features, a batch at a time. */
  private record Derive(LocalDate asOf, boolean browsing, boolean hours, Broadcast<ForecastFit> fit)
      implements java.io.Serializable {
    Iterator<Row> inBatches(Iterator<Row> customers) {
      return new Iterator<>() {
        private Iterator<Row> done = java.util.Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!done.hasNext() && customers.hasNext()) done = batch(customers).iterator();
          return done.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) throw new NoSuchElementException();
          return done.next();
        }
      };
    }

    private List<Row> batch(Iterator<Row> customers) {
      CustomerFeatures.Columns columns = new CustomerFeatures.Columns(asOf, browsing, hours);
      EventLog.Batch events = fit == null ? null : EventLog.batch("customers of one batch", fit.value().timesOfDay());
      List<Long> orders = new ArrayList<>();
      while (orders.size() < BATCH_CUSTOMERS && customers.hasNext()) {
        Row customer = customers.next();
        String id = customer.getString(0);
        orders.add(customer.getLong(1));
        CustomerFeatures.History history = new CustomerFeatures.History(asOf);
        for (Row event : customer.<Row>getList(2)) {
          LocalDateTime at = (LocalDateTime) event.get(1);
          Double amount = event.isNullAt(4) ? null : event.getDouble(4);
          history.add(at, event.getString(2), amount, event.getString(3));
          if (events != null) events.add(id, at, event.getString(2), event.getString(3), amount);
        }
        OrderLines lines = null;
        if (!customer.isNullAt(3)) {
          // Spark sorts no maps, so the tallies are put in file order here.
          List<Row> parts = new ArrayList<>(customer.<Row>getList(3));
          parts.sort(java.util.Comparator.comparingLong(part -> part.getLong(0)));
          for (Row part : parts) {
            OrderLines next = EventInput.orderLines(part.getStruct(1));
            lines = lines == null ? next : lines.plus(next);
          }
        }
        RfmScore rfm = customer.isNullAt(4) ? null : new RfmScore(id, number(customer, 4), number(customer, 5),
            customer.getDouble(6), number(customer, 7), number(customer, 8), number(customer, 9));
        columns.add(id, history, lines, rfm);
      }
      Table table = columns.table();
      List<LogScore> scores = events == null ? null : scores(table, events.log());
      int width = table.columnCount() + 1 + (scores == null ? 0 : LogScore.COLUMNS.size());
      List<Row> out = new ArrayList<>(orders.size());
      for (int r = 0; r < table.rowCount(); r++) {
        Object[] values = new Object[width];
        for (int c = 0; c < table.columnCount(); c++) {
          var column = table.column(c);
          values[c] = column.type() != ColumnType.STRING && column.isMissing(r) ? null : column.get(r);
        }
        values[table.columnCount()] = orders.get(r);
        if (scores != null) {
          Object[] cells = scores.get(r).cells();
          for (int k = 0; k < cells.length; k++) {
            values[table.columnCount() + 1 + k] = cells[k] instanceof Double d && d.isNaN() ? null : cells[k];
          }
        }
        out.add(RowFactory.create(values));
      }
      return out;
    }

    /** The fit applied to this batch's customers, in the table's order, with their spend and mean order value. */
    private List<LogScore> scores(Table features, EventLog log) {
      List<String> ids = features.stringColumn(EventLog.CUSTOMER_ID).asList();
      java.util.Map<String, Integer> row = new java.util.HashMap<>(ids.size() * 2);
      for (int r = 0; r < ids.size(); r++) row.put(ids.get(r), r);
      var spend = features.doubleColumn(SPEND);
      var amount = features.doubleColumn(AMOUNT);
      return fit.value().scores(log, ids, id -> spend.getDouble(row.get(id)), id -> amount.getDouble(row.get(id)));
    }

    private static int number(Row row, int i) {
      return ((Number) row.get(i)).intValue();
    }
  }
}
