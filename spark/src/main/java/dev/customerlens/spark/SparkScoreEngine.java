package dev.customerlens.spark;

import dev.customerlens.clv.ForecastFit;
import dev.customerlens.clv.LogScore;
import dev.customerlens.score.ScoreEngine;
import dev.customerlens.score.ScoreJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code lens score --engine spark --master URL}: a Spark session on that master runs
 * {@link SparkAnalytics} on a customer table, or derives, profiles and scores a log's customers.
 */
public final class SparkScoreEngine implements ScoreEngine {
  private static final int SHOWN_REJECTIONS = 10;
  /**
   * A log's forecast is fitted on the driver to the events of at most about this many customers: on
   * the core's own code, with a sample's share of its memory and time. Every customer below it.
   */
  public static final long MAX_FIT_CUSTOMERS = 50_000;
  /** A log's customers: their features with persona and traits, as Parquet partitioned by persona. */
  public static final String PROFILES = "profiles";
  /** The same, as CSV part files in order of each customer's first event. */
  public static final String PROFILES_CSV = "profiles-csv";

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public List<String> score(ScoreJob job) {
    boolean ours = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
    SparkSession.Builder builder = SparkSession.builder().appName("customer-lens score")
        .config("spark.ui.showConsoleProgress", "false");
    // Under spark-submit, its --master (passed on as spark.master) decides where the job runs.
    if (System.getProperty("spark.master") == null) builder.master(job.master());
    SparkSession spark = builder.getOrCreate();
    try {
      return job.log() == null ? scoreTable(spark, job) : scoreLog(spark, job);
    } finally {
      if (ours) spark.stop();
    }
  }

  private static List<String> scoreTable(SparkSession spark, ScoreJob job) {
    try (SparkCustomers customers = SparkAnalytics.on(spark).withModel(job.model()).load(job.input());
         SparkScores scores = customers.score()) {
      List<String> lines = new ArrayList<>();
      lines.add("ran on Spark " + spark.version() + ", master " + spark.sparkContext().master());
      for (String path : scores.write(job.output())) lines.add("wrote " + path);
      lines.addAll(rejections(scores.rejected(), job));
      long cached = 0;
      for (var rdd : spark.sparkContext().getRDDStorageInfo()) cached += rdd.memSize() + rdd.diskSize();
      long scored = scores.scores().count();
      lines.add(String.format(Locale.ROOT, "cached while writing: %,.0f MB, %,.0f bytes a customer", cached / 1e6,
          scored == 0 ? 0.0 : (double) cached / scored));
      for (Phases.Phase phase : scores.phases()) {
        lines.add(String.format(Locale.ROOT, "  %6.1f s  %s", phase.seconds(), phase.name()));
      }
      return lines;
    }
  }

  /**
   * A log's customers scored as the local engine scores them: features by the core's rules, persona
   * and traits by the job's model, the chosen forecast fitted on the driver and applied on the
   * executors, then the scores' cuts and recommendations; written with the profiles, the persona
   * summary and the rejected rows, all or none.
   */
  private static List<String> scoreLog(SparkSession spark, ScoreJob job) {
    SparkAnalytics analytics = SparkAnalytics.on(spark).withModel(job.model());
    try (SparkEvents log = analytics.events(job.input(), job.log())) {
      long started = System.nanoTime();
      ForecastFit fit = log.forecastFit(job.model().predictor(), MAX_FIT_CUSTOMERS);
      double fitting = (System.nanoTime() - started) / 1e9;
      try (SparkScores scores = analytics.score(log, fit)) {
        List<String> dropped = new ArrayList<>(LogScore.COLUMNS);
        dropped.add(NumberedRows.ORDER);
        Dataset<Row> profiled = analytics.profiles(log.scored(fit)).drop(dropped.toArray(String[]::new));
        long customers = scores.scores().count();
        Dataset<Row> profiles = profiled.coalesce(SparkScoring.parts(profiled, customers))
            .persist(StorageLevel.MEMORY_AND_DISK());
        try {
          Map<String, Consumer<String>> writers = new LinkedHashMap<>();
          writers.put(PROFILES, path -> profiles.write().mode(SaveMode.ErrorIfExists).partitionBy("persona")
              .parquet(path));
          writers.put(PROFILES_CSV, path -> StagedOutputs.csv(profiles, path));
          writers.putAll(scores.writers());
          List<String> lines = new ArrayList<>();
          lines.add("ran on Spark " + spark.version() + ", master " + spark.sparkContext().master());
          lines.add(String.format(Locale.ROOT, "derived the features of %,d customers of %s (%s), their personas, "
              + "traits and scores", customers, job.input(), job.log().label()));
          lines.add(String.format(Locale.ROOT, "forecast: %s, fitted on the driver in %.1f s to the events of %,d "
              + "customers with a purchase (every customer up to %,d, a sample by hash of id beyond) and applied on the "
              + "executors", fit.model(), fitting, fit.customers(), MAX_FIT_CUSTOMERS));
          for (String path : StagedOutputs.write(spark, job.output(), writers)) lines.add("wrote " + path);
          lines.addAll(rejections(log.rejected(), job));
          for (Phases.Phase phase : scores.phases()) {
            lines.add(String.format(Locale.ROOT, "  %6.1f s  %s", phase.seconds(), phase.name()));
          }
          return lines;
        } finally {
          profiles.unpersist();
        }
      }
    }
  }

  /** The first rejected rows, and how many there were in all. */
  private static List<String> rejections(Dataset<Row> rejectedRows, ScoreJob job) {
    List<String> lines = new ArrayList<>();
    List<Row> rejected = rejectedRows.limit(SHOWN_REJECTIONS + 1).collectAsList();
    for (Row row : rejected.subList(0, Math.min(SHOWN_REJECTIONS, rejected.size()))) {
      lines.add("rejected: " + row.getString(0) + (row.isNullAt(1) ? "" : ":" + row.getLong(1)) + ": " + row.getString(2));
    }
    if (!rejected.isEmpty()) {
      lines.add(String.format(Locale.ROOT, "%,d rows rejected in all; each is in %s/%s with its reasons",
          rejectedRows.count(), job.output(), SparkScores.REJECTED));
    }
    return lines;
  }
}
