package dev.customerlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Percentile thresholds on Spark equal the exact mid-rank thresholds whatever the approximate
 * quantile's error, and that error stays within its stated bound.
 */
class PercentileCutsTest {
  private static final int ROWS = 20_000;

  /** Values with heavy ties (a tenth are 0, many repeat), as lifetime values of one-off buyers are. */
  private static double[] values() {
    Random random = new Random(42);
    double[] out = new double[ROWS];
    for (int i = 0; i < ROWS; i++) out[i] = i % 10 == 0 ? 0 : Math.round(random.nextGaussian() * 50 + 200) / 2.0;
    return out;
  }

  private static Dataset<Row> table(double[] values) {
    List<Double> boxed = new ArrayList<>();
    for (double v : values) boxed.add(v);
    return LocalSpark.session().createDataset(boxed, Encoders.DOUBLE()).toDF("x").repartition(4);
  }

  /** The local engine's definition, straight from the sorted values. */
  private static double exact(double[] values, double p, PercentileCuts.Kind kind) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    for (int below = 0; below < n; ) {
      int end = below + 1;
      while (end < n && sorted[end] == sorted[below]) end++;
      double rank = 100.0 * (below + (end - below - 1) / 2.0) / n;
      boolean hit = switch (kind) {
        case AT_LEAST -> rank >= p;
        case ABOVE -> rank > p;
        case EQUAL -> rank == p;
      };
      if (hit) return sorted[below];
      below = end;
    }
    return kind == PercentileCuts.Kind.EQUAL ? Double.NaN : Double.POSITIVE_INFINITY;
  }

  @Test
  void thresholdsAreExactWithTheDefaultErrorAndWithACoarseOneThatForcesWidening() {
    double[] values = values();
    Dataset<Row> table = table(values);
    List<PercentileCuts.Cut> cuts = new ArrayList<>();
    for (double p : new double[] {0, 1, 5, 25, 50, 75, 90, 99, 100}) {
      for (PercentileCuts.Kind kind : PercentileCuts.Kind.values()) cuts.add(new PercentileCuts.Cut("x", p, kind));
    }
    for (double error : new double[] {PercentileCuts.RELATIVE_ERROR, 0.3}) {
      PercentileCuts resolved = new PercentileCuts(error);
      resolved.resolve(table, cuts);
      for (PercentileCuts.Cut cut : cuts) {
        assertEquals(exact(values, cut.percentile(), cut.kind()), resolved.threshold(cut), 0.0, cut + " with error " + error);
      }
    }
  }

  @Test
  void approximateQuantilesStayWithinTheStatedRankError() {
    double[] values = values();
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double error = 0.01;
    double[] probabilities = {0.1, 0.25, 0.5, 0.75, 0.9};
    double[] approx = table(values).stat().approxQuantile("x", probabilities, error);
    for (int i = 0; i < probabilities.length; i++) {
      int first = Arrays.binarySearch(sorted, approx[i]);
      while (first > 0 && sorted[first - 1] == approx[i]) first--;
      int last = first;
      while (last + 1 < ROWS && sorted[last + 1] == approx[i]) last++;
      double target = probabilities[i] * ROWS;
      double distance = target < first ? first - target : target > last ? target - last : 0;
      assertTrue(distance <= error * ROWS + 1, "rank of " + approx[i] + " is " + distance + " rows from " + target);
    }
  }
}
