package dev.customerlens.spark;

import dev.customerlens.score.ScoreEngine;
import dev.customerlens.score.ScoreJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** {@code lens score --engine spark --master URL}: a Spark session on that master runs {@link SparkAnalytics}. */
public final class SparkScoreEngine implements ScoreEngine {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public List<String> score(ScoreJob job) {
    SparkSession spark = SparkSession.builder()
        .appName("customer-lens score")
        .master(job.master())
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
    try (SparkCustomers customers = SparkAnalytics.on(spark).withRules(job.rules()).load(job.input());
         SparkScores scores = customers.score()) {
      List<String> lines = new ArrayList<>();
      for (String path : scores.write(job.output())) lines.add("wrote " + path);
      long rejected = spark.read().option("header", true).csv(job.output() + "/" + SparkScores.REJECTED).count();
      if (rejected > 0) {
        lines.add(String.format(Locale.ROOT, "%,d rows rejected, each with its reasons, in %s/%s", rejected, job.output(),
            SparkScores.REJECTED));
      }
      return lines;
    } finally {
      spark.stop();
    }
  }
}
