package dev.customerlens.spark;

import dev.customerlens.persona.PersonaSummary;
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
 * {@link SparkAnalytics} on a customer table, or derives and profiles a log's customers.
 */
public final class SparkScoreEngine implements ScoreEngine {
  private static final int SHOWN_REJECTIONS = 10;
  /** A log's profiles are written in files of about this many customers each, or fewer files. */
  private static final long CUSTOMERS_PER_FILE = 1_000_000;
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
      return job.log() == null ? scoreTable(spark, job) : profileLog(spark, job);
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
   * Features by the core's rules, persona and traits by the job's model, and the persona summary,
   * written with the rejected rows all or none. A log's scores are not made here: its forecasts are
   * fitted and chosen on an inner validation on one machine, and the output says so rather than
   * scoring otherwise.
   */
  private static List<String> profileLog(SparkSession spark, ScoreJob job) {
    SparkAnalytics analytics = SparkAnalytics.on(spark).withModel(job.model());
    try (SparkEvents log = analytics.events(job.input(), job.log())) {
      Dataset<Row> profiles = analytics.profiles(log.features()).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long customers = profiles.count();
        // A cached plan keeps Spark's shuffle partitions (200 by default) however few the customers:
        // written as they are, a small log came out as hundreds of files. Merged in order instead.
        int files = (int) Math.max(1, Math.min(profiles.javaRDD().getNumPartitions(), customers / CUSTOMERS_PER_FILE));
        Dataset<Row> written = profiles.coalesce(files);
        Map<String, Consumer<String>> writers = new LinkedHashMap<>();
        writers.put(PROFILES, path -> written.write().mode(SaveMode.ErrorIfExists).partitionBy("persona").parquet(path));
        writers.put(PROFILES_CSV, path -> StagedOutputs.csv(written, path));
        List<PersonaSummary.Line> summary = SparkScoring.personaSummary(profiles, job.model().rules());
        writers.put(SparkScores.PERSONAS, path -> StagedOutputs.csv(SparkScores.personaTable(spark, summary).coalesce(1),
            path));
        writers.put(SparkScores.REJECTED, path -> StagedOutputs.csv(log.rejected().orderBy(NumberedRows.ORDER)
            .drop(NumberedRows.ORDER), path));
        List<String> lines = new ArrayList<>();
        lines.add("ran on Spark " + spark.version() + ", master " + spark.sparkContext().master());
        lines.add(String.format(Locale.ROOT, "derived the features of %,d customers of %s (%s) and their personas and "
            + "traits", customers, job.input(), job.log().label()));
        for (String path : StagedOutputs.write(spark, job.output(), writers)) lines.add("wrote " + path);
        lines.addAll(rejections(log.rejected(), job));
        lines.add("not scored here: a log's purchase, churn and lifetime-value scores come from forecasts fitted to the "
            + "log and chosen on an inner validation on one machine; lens score --events FILE (the local engine) "
            + "writes them");
        return lines;
      } finally {
        profiles.unpersist();
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
