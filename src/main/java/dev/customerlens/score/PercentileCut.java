package dev.customerlens.score;

import dev.customerlens.data.Features;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * "Percentile ≥ c" (or "> c", or "= c") for a value computed per customer, turned into a plain
 * threshold on the value. A mid-rank percentile never decreases as the value grows, so once the base's
 * values are sorted the customers at or above a percentile are exactly those at or above one value:
 * no percentile is ever stored per row.
 */
final class PercentileCut {
  enum Kind { AT_LEAST, ABOVE, EQUAL }

  private final Block.Value of;
  private final double percentile;
  private final Kind kind;
  private volatile double threshold = Double.NaN;

  PercentileCut(Block.Value of, double percentile, Kind kind) {
    this.of = of;
    this.percentile = percentile;
    this.kind = kind;
  }

  /** The value whose percentile this is. */
  Block.Value of() {
    return of;
  }

  double threshold() {
    return threshold;
  }

  /**
   * Sets the threshold from the base's values sorted ascending, given as their bit patterns (see
   * {@link #sort}), with the mid-rank percentile of {@code Features.percentile}:
   * 100 × (values below + (values equal − 1) / 2) / all values.
   */
  void resolve(long[] sorted) {
    int n = sorted.length;
    double found = kind == Kind.EQUAL ? Double.NaN : Double.POSITIVE_INFINITY;
    for (int below = 0; below < n; ) {
      int end = below + 1;
      while (end < n && sorted[end] == sorted[below]) end++;
      int equal = end - below;
      double rank = 100.0 * (below + (equal - 1) / 2.0) / n;
      boolean hit = switch (kind) {
        case AT_LEAST -> rank >= percentile;
        case ABOVE -> rank > percentile;
        case EQUAL -> rank == percentile;
      };
      if (hit) {
        found = Double.longBitsToDouble(sorted[below]);
        break;
      }
      below = end;
    }
    threshold = found;
  }

  /**
   * Each value's mid-rank percentile ({@code Features.percentile}) among the base's values, given
   * sorted ascending as {@link #sort} leaves them: the values below it and those equal to it, found
   * by two binary searches per row, on every core. A missing value ranks as there.
   */
  static double[] ranks(double[] values, long[] sorted) {
    int n = values.length;
    double[] out = new double[n];
    IntStream.range(0, n).parallel().forEach(row -> {
      double x = values[row];
      if (Double.isNaN(x)) {
        out[row] = Features.midRank(0, 0, n);
        return;
      }
      int below = firstNotBelow(sorted, x, false);
      out[row] = Features.midRank(below, firstNotBelow(sorted, x, true) - below, n);
    });
    return out;
  }

  /**
   * The first index whose value is not below {@code x} (or, with {@code orEqual}, not at or below
   * it), comparing as doubles compare: -0.0 equals 0.0 and a missing value is below nothing.
   */
  private static int firstNotBelow(long[] sorted, double x, boolean orEqual) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      double v = Double.longBitsToDouble(sorted[mid]);
      if (v < x || orEqual && v == x) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private static final int DIGIT_BITS = 11;
  private static final int DIGITS = 1 << DIGIT_BITS;

  /**
   * Sorts doubles given as {@link Double#doubleToRawLongBits} patterns in ascending order of value,
   * in linear time: for values that are not negative the bit patterns order as the values do, so six
   * radix passes over 11-bit digits replace a comparison sort. Anything negative or NaN falls back
   * to {@link Arrays#sort}. {@code scratch} must be as long as {@code bits}.
   */
  static void sort(long[] bits, long[] scratch) {
    for (long b : bits) {
      if (b < 0 || Double.isNaN(Double.longBitsToDouble(b))) {
        double[] values = new double[bits.length];
        for (int i = 0; i < bits.length; i++) values[i] = Double.longBitsToDouble(bits[i]);
        Arrays.sort(values);
        for (int i = 0; i < bits.length; i++) bits[i] = Double.doubleToRawLongBits(values[i]);
        return;
      }
    }
    int n = bits.length;
    long[] from = bits;
    long[] to = scratch;
    int[] count = new int[DIGITS + 1];
    for (int shift = 0; shift < Long.SIZE; shift += DIGIT_BITS) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) count[(int) ((from[i] >>> shift) & (DIGITS - 1)) + 1]++;
      boolean trivial = false;
      for (int d = 1; d <= DIGITS && !trivial; d++) trivial = count[d] == n;
      if (trivial) continue;
      for (int d = 1; d <= DIGITS; d++) count[d] += count[d - 1];
      for (int i = 0; i < n; i++) to[count[(int) ((from[i] >>> shift) & (DIGITS - 1))]++] = from[i];
      long[] swap = from;
      from = to;
      to = swap;
    }
    if (from != bits) System.arraycopy(from, 0, bits, 0, n);
  }
}
