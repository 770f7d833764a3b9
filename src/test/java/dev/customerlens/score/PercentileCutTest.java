package dev.customerlens.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customerlens.data.Features;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;

/** Percentiles from the base's sorted values, worked out by hand, and the thresholds they turn into. */
class PercentileCutTest {
  @Test
  void eachValueRanksByTheValuesBelowItAndHalfOfTheOthersEqualToIt() {
    double[] values = {5, 1, 5, 2};
    long[] bits = bits(values);
    // Sorted 1, 2, 5, 5: 1 has none below (0%), 2 one (25%), each 5 two below and one other equal: (2 + 0.5) / 4.
    assertArrayEquals(new double[] {62.5, 0, 62.5, 25}, PercentileCut.sortRanking(bits));
    assertArrayEquals(bits(new double[] {1, 2, 5, 5}), bits, "and the values are left sorted");
  }

  @Test
  void ranksAreThoseOfTheTablesawPercentileColumnWithMissingAndSignedZeroValues() {
    double[] values = {0.0, 3, Double.NaN, -0.0, -2, 3, 3};
    // -0.0 and 0.0 are one value; a missing value ranks as no value below it and none equal.
    double[] expected = Features.percentile(DoubleColumn.create("x", values), "p").asDoubleArray();
    assertArrayEquals(new double[] {100 * 1.5 / 7, 100 * 4.0 / 7, 100 * -0.5 / 7, 100 * 1.5 / 7, 0, 100 * 4.0 / 7,
        100 * 4.0 / 7}, expected);
    assertArrayEquals(expected, PercentileCut.sortRanking(bits(values)));
  }

  @Test
  void negativeValuesSortBeforeSignedZerosAndEveryMissingValueLast() {
    // 0xfff8... is the NaN x86 arithmetic makes (0.0 / 0.0): its sign bit is set, yet it sorts last.
    double negativeNan = Double.longBitsToDouble(0xfff8000000000000L);
    long[] bits = bits(new double[] {3, negativeNan, 0.0, -1.5, Double.NEGATIVE_INFINITY, -0.0, Double.NaN, 2});
    PercentileCut.sort(bits, new long[bits.length]);
    double[] sorted = Arrays.stream(bits).mapToDouble(Double::longBitsToDouble).toArray();
    assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, -1.5, -0.0, 0.0, 2, 3, Double.NaN, Double.NaN}, sorted);
    assertEquals(Double.doubleToRawLongBits(-0.0), bits[2], "-0.0 keeps its sign");
  }

  @Test
  void aCutAtAPercentileIsTheSmallestValueRankedThereOrAbove() {
    double[] values = {5, 1, 5, 2};
    PercentileCut atLeastHalf = new PercentileCut(Block.Value.CLV, 50, PercentileCut.Kind.AT_LEAST);
    PercentileCut aboveQuarter = new PercentileCut(Block.Value.CLV, 25, PercentileCut.Kind.ABOVE);
    PercentileCut atQuarter = new PercentileCut(Block.Value.CLV, 25, PercentileCut.Kind.EQUAL);
    PercentileCut atTop = new PercentileCut(Block.Value.CLV, 100, PercentileCut.Kind.AT_LEAST);
    long[] bits = bits(values);
    PercentileCut.sort(bits, new long[bits.length]);
    for (PercentileCut cut : new PercentileCut[] {atLeastHalf, aboveQuarter, atQuarter, atTop}) cut.resolve(bits);
    assertEquals(5, atLeastHalf.threshold());
    assertEquals(5, aboveQuarter.threshold());
    assertEquals(2, atQuarter.threshold());
    assertEquals(Double.POSITIVE_INFINITY, atTop.threshold(), "no value ranks at 100%, so none is at or above it");
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }
}
