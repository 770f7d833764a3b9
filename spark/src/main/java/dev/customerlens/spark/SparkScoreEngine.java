package dev.customerlens.spark;

import dev.customerlens.score.ScoreEngine;
import dev.customerlens.score.ScoreJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code lens score --engine spark --master URL}: a Spark session on that master runs {@link SparkAnalytics}. */
public final class SparkScoreEngine implements ScoreEngine {
  private static final int SHOWN_REJECTIONS = 10;

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
    try (SparkCustomers customers = SparkAnalytics.on(spark).withModel(job.model()).load(job.input());
         SparkScores scores = customers.score()) {
      List<String> lines = new ArrayList<>();
      lines.add("ran on Spark " + spark.version() + ", master " + spark.sparkContext().master());
      for (String path : scores.write(job.output())) lines.add("wrote " + path);
      List<Row> rejected = scores.rejected().limit(SHOWN_REJECTIONS + 1).collectAsList();
      for (Row row : rejected.subList(0, Math.min(SHOWN_REJECTIONS, rejected.size()))) {
        lines.add("rejected: " + row.getString(0) + (row.isNullAt(1) ? "" : ":" + row.getLong(1)) + ": " + row.getString(2));
      }
      if (!rejected.isEmpty()) {
        lines.add(String.format(Locale.ROOT, "%,d rows rejected in all; each is in %s/%s with its reasons",
            scores.rejected().count(), job.output(), SparkScores.REJECTED));
      }
      long cached = 0;
      for (var rdd : spark.sparkContext().getRDDStorageInfo()) cached += rdd.memSize() + rdd.diskSize();
      long scored = scores.scores().count();
      lines.add(String.format(Locale.ROOT, "cached while writing: %,.0f MB, %,.0f bytes a customer", cached / 1e6,
          scored == 0 ? 0.0 : (double) cached / scored));
      for (Phases.Phase phase : scores.phases()) {
        lines.add(String.format(Locale.ROOT, "  %6.1f s  %s", phase.seconds(), phase.name()));
      }
      return lines;
    } finally {
      if (ours) spark.stop();
    }
  }
}
