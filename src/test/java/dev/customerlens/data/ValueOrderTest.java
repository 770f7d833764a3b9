package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;

/** The one radix sort of doubles, and the percentiles it ranks, worked out by hand. */
class ValueOrderTest {
  @Test
  void eachValueRanksByTheValuesBelowItAndHalfOfTheOthersEqualToIt() {
    long[] bits = bits(5, 1, 5, 2);
    // Sorted 1, 2, 5, 5: 1 has none below (0%), 2 one (25%), each 5 two below and one other equal: (2 + 0.5) / 4.
    assertArrayEquals(new double[] {62.5, 0, 62.5, 25}, ValueOrder.sortRanking(bits));
    assertArrayEquals(bits(1, 2, 5, 5), bits, "and the values are left sorted");
  }

  @Test
  void signedZerosRankAsOneValueAndAMissingValueBelowEveryValue() {
    double[] ranks = ValueOrder.sortRanking(bits(0.0, 3, Double.NaN, -0.0, -2, 3, 3));
    // -2 has none below; the two zeros one below, two equal: (1 + 0.5) / 7; the threes three below, three equal:
    // (3 + 1) / 7; the missing value none below and none equal: (0 - 0.5) / 7.
    assertArrayEquals(new double[] {100 * 1.5 / 7, 100 * 4.0 / 7, 100 * -0.5 / 7, 100 * 1.5 / 7, 0, 100 * 4.0 / 7,
        100 * 4.0 / 7}, ranks);
    assertArrayEquals(ranks, Features.percentile(DoubleColumn.create("x", 0.0, 3, Double.NaN, -0.0, -2, 3, 3), "p")
        .asDoubleArray(), "the percentile column ranks the same");
  }

  @Test
  void negativeValuesSortBeforeSignedZerosAndEveryMissingValueLast() {
    // 0xfff8... is the NaN x86 arithmetic makes (0.0 / 0.0): its sign bit is set, yet it sorts last.
    double negativeNan = Double.longBitsToDouble(0xfff8000000000000L);
    long[] bits = bits(3, negativeNan, 0.0, -1.5, Double.NEGATIVE_INFINITY, -0.0, Double.NaN, 2);
    ValueOrder.sort(bits, new long[bits.length]);
    double[] sorted = Arrays.stream(bits).mapToDouble(Double::longBitsToDouble).toArray();
    assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, -1.5, -0.0, 0.0, 2, 3, Double.NaN, Double.NaN}, sorted);
    assertEquals(Double.doubleToRawLongBits(-0.0), bits[2], "-0.0 keeps its sign");
  }

  @Test
  void rowsInAscendingOrderKeepTiesInRowOrder() {
    assertArrayEquals(new int[] {4, 1, 3, 0, 2, 5},
        ValueOrder.ascending(new double[] {2, -1, 2, 0.5, Double.NEGATIVE_INFINITY, Double.NaN}));
  }

  private static long[] bits(double... values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }
}
