package dev.customerlens.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customerlens.data.ValueOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A cut at a percentile as a threshold on the value, worked out by hand. */
class PercentileCutTest {
  @Test
  void aCutAtAPercentileIsTheSmallestValueRankedThereOrAbove() {
    // Sorted 1, 2, 5, 5: ranked 0, 25, 62.5 and 62.5.
    long[] bits = sorted(5, 1, 5, 2);
    assertEquals(5, resolved(50, PercentileCut.Kind.AT_LEAST, bits));
    assertEquals(5, resolved(25, PercentileCut.Kind.ABOVE, bits));
    assertEquals(2, resolved(25, PercentileCut.Kind.EQUAL, bits));
    assertEquals(Double.NaN, resolved(30, PercentileCut.Kind.EQUAL, bits), "no value ranks at 30%");
    assertEquals(Double.POSITIVE_INFINITY, resolved(100, PercentileCut.Kind.AT_LEAST, bits),
        "no value ranks at 100%, so none is at or above it");
  }

  @Test
  void signedZerosAreOneValueAndAMissingValueIsNeverACut() {
    // Sorted -0.0, 0.0, 4, NaN: the zeros rank (0 + 0.5) / 4 = 12.5% together, 4 ranks 50%.
    long[] bits = sorted(0.0, Double.NaN, 4, -0.0);
    assertEquals(0.0, resolved(12.5, PercentileCut.Kind.EQUAL, bits), 0.0, "the zeros' value, whichever sign");
    assertEquals(4, resolved(20, PercentileCut.Kind.AT_LEAST, bits));
    assertEquals(Double.POSITIVE_INFINITY, resolved(60, PercentileCut.Kind.AT_LEAST, bits),
        "the missing value, sorted last, is no cut");
  }

  private static double resolved(double percentile, PercentileCut.Kind kind, long[] sorted) {
    PercentileCut cut = new PercentileCut(Block.Value.CLV, percentile, kind);
    cut.resolve(sorted);
    return cut.threshold();
  }

  private static long[] sorted(double... values) {
    long[] bits = Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    ValueOrder.sort(bits, new long[bits.length]);
    return bits;
  }
}
