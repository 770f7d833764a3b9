package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;

class FeaturesTest {
  private static double[] percentiles(double... values) {
    return Features.percentile(DoubleColumn.create("x", values), "p").asDoubleArray();
  }

  @Test
  void aPercentileCountsTheCustomersBelowAndHalfOfTheOthersEqual() {
    // 10: none below; 20: one below and one other equal, 100 * (1 + 1/2) / 4; 30: three below.
    assertArrayEquals(new double[] {0, 37.5, 37.5, 75}, percentiles(10, 20, 20, 30));
    assertArrayEquals(new double[] {75, 0, 37.5, 37.5}, percentiles(30, 10, 20, 20), "whatever the row order");
    assertArrayEquals(new double[] {50, 50, 0}, percentiles(-0.0, 0.0, -1), "-0 equals 0: one below, 100 * (1 + 1/2) / 3");
  }

  @Test
  void percentilesOfDictionaryCodesRankEachCodesRowsAsThePercentileOfTheRowsDoes() {
    // Codes 0..5 hold 30 (2 rows), 10, missing, 30 again (a second code, as a lenient read can leave), -0 and 0.
    double[] valueOfCode = {30, 10, Double.NaN, 30, -0.0, 0.0};
    int[] rowsOfCode = {2, 1, 1, 1, 1, 1};
    // 7 rows: -0 and 0 none below, 2 equal, 100 * (0 + 1/2) / 7; 10 two below; the three 30s three below
    // and two others equal, 100 * (3 + 2/2) / 7; missing ranks 100 * (0 - 1/2) / 7, as percentile has it.
    double[] expected = {400.0 / 7, 200.0 / 7, -50.0 / 7, 400.0 / 7, 50.0 / 7, 50.0 / 7};
    assertArrayEquals(expected, Features.percentilesOfCodes(valueOfCode, rowsOfCode), 1e-12);
    double[] rows = {30, 30, 10, Double.NaN, 30, -0.0, 0.0};
    int[] codeOfRow = {0, 0, 1, 2, 3, 4, 5};
    double[] byRow = percentiles(rows);
    for (int row = 0; row < rows.length; row++) {
      assertEquals(Double.doubleToLongBits(byRow[row]),
          Double.doubleToLongBits(Features.percentilesOfCodes(valueOfCode, rowsOfCode)[codeOfRow[row]]), "row " + row);
    }
  }

  @Test
  void percentilesEqualTheDefinitionOnAMillionValuesWithTiesAndMissingOnes() {
    Random random = new Random(5);
    double[] values = new double[1_000_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 1000 == 0 ? Double.NaN : i % 3 == 0 ? random.nextInt(50) : random.nextGaussian() * 1e3;
    }
    double[] expected = byDefinition(values);
    double[] actual = percentiles(values);
    for (int i = 0; i < values.length; i++) {
      assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]), "row " + i);
    }
  }

  /** 100 × (values below + (values equal − 1) / 2) / n, with the comparisons of doubles (NaN is neither). */
  private static double[] byDefinition(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      int below = 0;
      int equal = 0;
      int lo = lowerBound(sorted, values[i]);
      below = lo;
      while (lo + equal < sorted.length && sorted[lo + equal] == values[i]) equal++;
      out[i] = 100.0 * (below + (equal - 1) / 2.0) / values.length;
    }
    return out;
  }

  private static int lowerBound(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
