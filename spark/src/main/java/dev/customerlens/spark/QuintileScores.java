package dev.customerlens.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * RFM quintile scores exactly as the local engine scores them: from the mid-rank percentile
 * p = (values below + values equal / 2) / n, score = min(5, 1 + ⌊5p⌋), with p reversed (1 − p) where
 * smaller is better. The same double arithmetic in the same order, so a value on a quintile's edge
 * lands on the same side.
 *
 * <p>Ranks come from the distinct values and their counts, summed in value order. A running sum
 * over one unpartitioned window would move every distinct value (about one per customer, for
 * spend) to a single task; instead each value falls in a bucket of values within 1.1% of each other
 * ({@code ⌊64 log₂ v⌋}, which never decreases as v grows), values are summed within their bucket,
 * and each bucket starts after the sizes of the buckets before it, a table of a few thousand rows.
 *
 * <p>A score never falls as its value rises (or never rises, reversed), so each score holds one
 * interval of values. The intervals, at most five per measure, are all that comes to the driver;
 * scoring is then a comparison with constants, with no join back to the customers.
 */
final class QuintileScores {
  private static final String MEASURE = "measure";
  private static final String VALUE = "value";
  private static final String EQUAL = "equal";
  private static final String BUCKET = "bucket";
  private static final String SIZE = "size";
  private static final String OFFSET = "offset";
  private static final String COUNT = "n";
  private static final String BELOW = "below";
  private static final String SCORE = "score";

  /** A numeric column to score, and whether larger values score higher. */
  record Measure(String column, boolean higherIsBetter) {}

  private QuintileScores() {}

  /** The score columns (int) of {@code measures} over the rows of {@code base}, in order; one Spark job. */
  static List<Column> of(Dataset<Row> base, List<Measure> measures) {
    Column[] tagged = new Column[measures.size()];
    Column reversed = lit(false);
    for (int i = 0; i < measures.size(); i++) {
      tagged[i] = struct(lit(i).as(MEASURE), col(measures.get(i).column()).cast("double").as(VALUE));
      if (!measures.get(i).higherIsBetter()) reversed = reversed.or(col(MEASURE).equalTo(i));
    }
    Dataset<Row> counts = base.select(explode(array(tagged)).as("t"))
        .groupBy(col("t." + MEASURE).as(MEASURE), col("t." + VALUE).as(VALUE))
        .agg(count(lit(1)).as(EQUAL))
        .withColumn(BUCKET, coalesce(floor(log2(col(VALUE)).multiply(64)), lit(Long.MIN_VALUE)));
    Dataset<Row> buckets = counts.groupBy(MEASURE, BUCKET).agg(sum(EQUAL).as(SIZE)).select(col(MEASURE), col(BUCKET),
        coalesce(sum(SIZE).over(Window.partitionBy(MEASURE).orderBy(BUCKET)
            .rowsBetween(Window.unboundedPreceding(), -1)), lit(0L)).as(OFFSET),
        sum(SIZE).over(Window.partitionBy(MEASURE)).as(COUNT));
    Column below = col(OFFSET).plus(coalesce(sum(EQUAL).over(Window.partitionBy(MEASURE, BUCKET).orderBy(VALUE)
        .rowsBetween(Window.unboundedPreceding(), -1)), lit(0L)));
    Dataset<Row> ranked = counts.join(broadcast(buckets), new String[] {MEASURE, BUCKET}).withColumn(BELOW, below);
    Column percentile = col(BELOW).plus(col(EQUAL).divide(lit(2.0))).divide(col(COUNT));
    Column directed = when(reversed, lit(1).minus(percentile)).otherwise(percentile);
    Column score = least(lit(5L), lit(1L).plus(floor(lit(5).multiply(directed)))).cast("int");
    List<Row> intervals = ranked.groupBy(col(MEASURE), score.as(SCORE)).agg(min(VALUE), max(VALUE)).collectAsList();

    List<Column> scores = new ArrayList<>();
    for (int i = 0; i < measures.size(); i++) {
      Column value = col(measures.get(i).column()).cast("double");
      Column scored = null;
      for (Row interval : intervals) {
        if (interval.getInt(0) != i) continue;
        Column within = value.between(lit(interval.getDouble(2)), lit(interval.getDouble(3)));
        scored = scored == null ? when(within, interval.getInt(1)) : scored.when(within, interval.getInt(1));
      }
      scores.add(scored == null ? lit(null).cast("int") : scored);
    }
    return scores;
  }
}
