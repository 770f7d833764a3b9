package dev.customerlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import dev.customerlens.clv.BgNbd;
import dev.customerlens.clv.Cohort;
import dev.customerlens.clv.ForecastFit;
import dev.customerlens.clv.GammaGamma;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.predict.Predictor;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * An event log read on the cluster, for logs that outgrow one machine: the RFM summary and the
 * inputs of the repeat-purchase model computed by Spark with the local engine's definitions, and
 * the models fitted on the driver from those summaries.
 *
 * <pre>{@code
 * try (SparkEvents log = SparkAnalytics.on(spark).events("s3a://lake/events/")) {
 *   log.rfm().write().parquet("s3a://lake/rfm");                 // as of the log's last day
 *   log.cohort(LocalDate.of(2024, 3, 31)).write().parquet("s3a://lake/cohort");
 *   RepeatPurchaseFit fit = log.model();                        // BG/NBD and Gamma-Gamma parameters
 *   log.rejected().show();                                      // bad rows, each with its file, line and reasons
 * }
 * }</pre>
 *
 * <p>Rows are read by the core's own reader ({@link EventInput}), so a row is kept or rejected as
 * {@code EventLog.read} with lenient options would keep or skip it. The fit comes to the driver as
 * distinct summaries with their counts, not one row per customer: the BG/NBD likelihood depends on
 * (x, t_x, T) alone, which take few distinct values. The Gamma-Gamma depends on (x, mean repeat
 * spend), which repeats only where amounts do, so its rows number up to one per repeat customer.
 * Read rows, and the customers' features once derived, are cached until {@link #close}.
 */
public final class SparkEvents implements AutoCloseable {
  private final String source;
  private final SparkSession spark;
  private final Dataset<Row> read;
  private final Dataset<Row> events;
  private final Dataset<Row> rejected;
  private LocalDate lastDate;
  private LogFeatures.Derived features;
  private LogFeatures.Derived scored;
  private ForecastFit scoredBy;

  SparkEvents(SparkSession spark, String source, Dataset<Row> read) {
    this.spark = spark;
    this.source = source;
    this.read = read.persist(StorageLevel.MEMORY_AND_DISK());
    this.events = this.read.filter(col(NumberedRows.REASONS).isNull().and(col(EventInput.ORDER_LINES).isNull()))
        .select(col(EventLog.CUSTOMER_ID), col(EventLog.TIMESTAMP), col(EventLog.EVENT), col(EventLog.CATEGORY),
            col(EventLog.AMOUNT), col(NumberedRows.FILE), col(NumberedRows.LINE), col(NumberedRows.ORDER));
    this.rejected = this.read.filter(col(NumberedRows.REASONS).isNotNull())
        .select(col(NumberedRows.FILE), col(NumberedRows.LINE), col(NumberedRows.REASONS), col(NumberedRows.RAW),
            col(NumberedRows.ORDER));
  }

  /** Reads {@code path} in {@code format}; Parquet (event layout only) or text by {@code input}. */
  static SparkEvents read(SparkSession spark, String path, LogFormat format, InputFormat input) {
    return new SparkEvents(spark, path, EventInput.read(spark, path, format, input));
  }

  /**
   * The events, in the columns of {@code EventLog.table()} (customer_id, timestamp without time
   * zone, event, category, amount), plus source_file, source_line (null for a transaction log's
   * purchases, which gather several lines) and source_order, which sorts events in file order,
   * files in name order.
   */
  public Dataset<Row> events() {
    return events;
  }

  /**
   * Rows that were not read: source_file, source_line (the header is line 1; for Parquet, the row's
   * number in its file),
   * reasons (each problem as the local reader words it, joined by " | "), the raw row, and
   * source_order.
   */
  public Dataset<Row> rejected() {
    return rejected;
  }

  /** The day of the latest event, the natural analysis date, as {@code EventLog.lastDate()}. */
  public synchronized LocalDate lastDate() {
    if (lastDate == null) {
      Row latest = events.agg(max(col(EventLog.TIMESTAMP))).first();
      if (latest.isNullAt(0)) throw new IllegalStateException(source + " has no events");
      lastDate = ((LocalDateTime) latest.get(0)).toLocalDate();
    }
    return lastDate;
  }

  /**
   * {@code CustomerFeatures.of(log)}: one row per customer with an event, as of the log's last day,
   * with every feature of {@code CustomerFeatures.RULES} in that order, derived by the core's own
   * rules, in order of each customer's first event. Missing numbers and dates are null, missing
   * text ''. Persona rules and traits read them by name: {@link SparkAnalytics#profiles}.
   */
  public synchronized Dataset<Row> features() {
    if (features == null) features = LogFeatures.of(spark, read, events, lastDate());
    return features.features();
  }

  /**
   * {@code ForecastFit.forLog}: the chosen forecast of a log's scores, fitted on the driver to the
   * events of a deterministic sample of the customers (every customer up to {@code maxCustomers}; past
   * that, those whose id hashes into one of about customers / {@code maxCustomers} equal parts), as
   * of the whole log's last day. The sample's events come to the driver in file order.
   */
  public ForecastFit forecastFit(Predictor predictor, long maxCustomers) {
    String id = EventLog.CUSTOMER_ID;
    long customers = events.select(col(id)).distinct().count();
    long parts = Math.max(1, (customers + maxCustomers - 1) / maxCustomers);
    Dataset<Row> sample = parts == 1 ? events : events.filter(pmod(xxhash64(col(id)), lit(parts)).equalTo(0));
    EventLog.Batch batch = EventLog.batch(source + (parts == 1 ? "" : " (1 in " + parts + " customers)"),
        LogFeatures.Flags.of(read).hours());
    sample.orderBy(col(NumberedRows.ORDER))
        .select(col(id), col(EventLog.TIMESTAMP), col(EventLog.EVENT), col(EventLog.CATEGORY), col(EventLog.AMOUNT))
        .toLocalIterator().forEachRemaining(r -> batch.add(r.getString(0), (LocalDateTime) r.get(1), r.getString(2),
            r.getString(3), r.isNullAt(4) ? null : r.getDouble(4)));
    return ForecastFit.forLog(batch.log(lastDate()), predictor);
  }

  /**
   * {@link #features()} with every customer's scores by {@code fit} ({@code LogScore.COLUMNS}),
   * applied on the executors a batch of customers at a time, and source_order.
   */
  public synchronized Dataset<Row> scored(ForecastFit fit) {
    if (fit != scoredBy) {
      if (scored != null) scored.cached().unpersist();
      scored = LogFeatures.of(spark, read, events, fit.asOf(), JavaSparkContext.fromSparkContext(spark.sparkContext())
          .broadcast(fit));
      scoredBy = fit;
    }
    return scored.features();
  }

  /** {@code EventLog.rfm(asOf)} as of the log's last day. */
  public Dataset<Row> rfm() {
    return rfm(lastDate());
  }

  /**
   * The columns and numbers of {@code EventLog.rfm(asOf)}: customer_id, recency_days, frequency,
   * monetary, r_score, f_score, m_score, rfm_cell and rfm_total, for every customer with a purchase
   * by {@code asOf}, in order of first purchase. Runs one job at once, to find the values at the
   * quintiles' edges; the rest runs when the result is used.
   */
  public Dataset<Row> rfm(LocalDate asOf) {
    return EventSummaries.rfm(events, asOf);
  }

  /** {@code Cohort.of(log).toTable()}: the whole log as calibration, as of its last day, in weeks. */
  public Dataset<Row> cohort() {
    return cohort(lastDate(), lastDate(), Cohort.WEEK);
  }

  /** {@code Cohort.of(log, calibrationEnd).toTable()}: the holdout runs to the log's last day, in weeks. */
  public Dataset<Row> cohort(LocalDate calibrationEnd) {
    LocalDate last = lastDate();
    return cohort(calibrationEnd, last.isAfter(calibrationEnd) ? last : calibrationEnd, Cohort.WEEK);
  }

  /**
   * {@code Cohort.of(log, calibrationEnd, holdoutEnd, periodDays).toTable()}: customer_id,
   * first_purchase, x, t_x, T, mean_repeat_spend, holdout_purchases and holdout_spend, one row per
   * customer whose first purchase is on or before {@code calibrationEnd}, in order of first purchase.
   */
  public Dataset<Row> cohort(LocalDate calibrationEnd, LocalDate holdoutEnd, int periodDays) {
    return EventSummaries.cohort(events, calibrationEnd, holdoutEnd, periodDays);
  }

  /** {@code RepeatPurchaseModel.fit(log)}: fitted on every purchase, as of the log's last day. */
  public RepeatPurchaseFit model() {
    return model(lastDate());
  }

  /** {@code RepeatPurchaseModel.fit(log, calibrationEnd)}: fitted on the purchases up to and including that day. */
  public RepeatPurchaseFit model(LocalDate calibrationEnd) {
    return model(calibrationEnd, Cohort.WEEK);
  }

  /**
   * Both models fitted to the calibration summaries, with the rule of {@code RepeatPurchaseModel}:
   * no spend model unless at least two customers have repeat purchases with a positive amount.
   */
  public RepeatPurchaseFit model(LocalDate calibrationEnd, int periodDays) {
    Dataset<Row> cohort = cohort(calibrationEnd, calibrationEnd, periodDays).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<BgNbd.Group> purchaseGroups = new ArrayList<>();
      Iterator<Row> rows = cohort.groupBy("x", "t_x", "T").agg(count(lit(1))).toLocalIterator();
      rows.forEachRemaining(r -> purchaseGroups.add(new BgNbd.Group(r.getInt(0), r.getDouble(1), r.getDouble(2), r.getLong(3))));
      // A fixed order makes the likelihood's sum, and so the fit, the same on every run.
      purchaseGroups.sort(Comparator.comparingInt(BgNbd.Group::repeatPurchases).thenComparingDouble(BgNbd.Group::recency)
          .thenComparingDouble(BgNbd.Group::age));
      BgNbd purchases = BgNbd.fitGroups(purchaseGroups);

      List<GammaGamma.Group> spendGroups = new ArrayList<>();
      cohort.filter(col("x").gt(0).and(col("mean_repeat_spend").gt(0)))
          .groupBy("x", "mean_repeat_spend").agg(count(lit(1))).toLocalIterator()
          .forEachRemaining(r -> spendGroups.add(new GammaGamma.Group(r.getInt(0), r.getDouble(1), r.getLong(2))));
      spendGroups.sort(Comparator.comparingInt(GammaGamma.Group::repeatPurchases)
          .thenComparingDouble(GammaGamma.Group::meanRepeatSpend));
      long spenders = spendGroups.stream().mapToLong(GammaGamma.Group::customers).sum();
      Optional<GammaGamma> spend = spenders >= 2
          ? Optional.of(GammaGamma.fitGroups(spendGroups)).filter(GammaGamma::spendDefined) : Optional.empty();
      return new RepeatPurchaseFit(calibrationEnd, periodDays, purchases, spend, purchaseGroups.size(),
          spendGroups.size());
    } finally {
      cohort.unpersist();
    }
  }

  /** The file or folder read, as given. */
  public String source() {
    return source;
  }

  @Override
  public synchronized void close() {
    if (features != null) features.cached().unpersist();
    if (scored != null) scored.cached().unpersist();
    read.unpersist();
  }
}
