package dev.customerlens.score;

import dev.customerlens.data.Features;
import java.util.Arrays;

/**
 * "Percentile ≥ c" (or "> c", or "= c") for a value computed per customer, turned into a plain
 * threshold on the value. A mid-rank percentile never decreases as the value grows, so once the base's
 * values are sorted the customers at or above a percentile are exactly those at or above one value:
 * a cut needs no percentile per row (a column of them, where one is shown, comes from
 * {@link #sortRanking}).
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
   * Sorts the values, given as {@link Double#doubleToRawLongBits} patterns, ascending in place (as
   * {@link #sort}) and returns each one's mid-rank percentile ({@code Features.percentile}), by its
   * place before sorting: the rows are carried through the sort, so each run of equal values is
   * ranked once and written to its rows, in linear time. A missing value ranks as there.
   */
  static double[] sortRanking(long[] bits) {
    int n = bits.length;
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) rows[i] = i;
    sort(bits, new long[n], rows, new int[n]);
    double[] out = new double[n];
    int at = 0;
    while (at < n && !Double.isNaN(Double.longBitsToDouble(bits[at]))) {
      double value = Double.longBitsToDouble(bits[at]);
      int end = at + 1;
      // Equal as doubles compare: -0.0 and 0.0 are one value.
      while (end < n && Double.longBitsToDouble(bits[end]) == value) end++;
      double rank = Features.midRank(at, end - at, n);
      for (int k = at; k < end; k++) out[rows[k]] = rank;
      at = end;
    }
    for (; at < n; at++) out[rows[at]] = Features.midRank(0, 0, n);
    return out;
  }

  private static final int DIGIT_BITS = 11;
  private static final int DIGITS = 1 << DIGIT_BITS;

  /**
   * Sorts doubles given as {@link Double#doubleToRawLongBits} patterns in ascending order of value
   * (-0.0 before 0.0, missing values last, as one NaN), in linear time: each pattern is turned into
   * a key whose unsigned order is the values' order, so six radix passes over 11-bit digits replace a
   * comparison sort. {@code scratch} must be as long as {@code bits}.
   */
  static void sort(long[] bits, long[] scratch) {
    sort(bits, scratch, null, null);
  }

  /** As {@link #sort(long[], long[])}, moving {@code rows[i]} with {@code bits[i]} when rows is not null. */
  private static void sort(long[] bits, long[] scratch, int[] rows, int[] rowScratch) {
    int n = bits.length;
    for (int i = 0; i < n; i++) bits[i] = orderedKey(bits[i]);
    long[] from = bits;
    long[] to = scratch;
    int[] rowsFrom = rows;
    int[] rowsTo = rowScratch;
    int[] count = new int[DIGITS + 1];
    for (int shift = 0; shift < Long.SIZE; shift += DIGIT_BITS) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) count[(int) ((from[i] >>> shift) & (DIGITS - 1)) + 1]++;
      boolean trivial = false;
      for (int d = 1; d <= DIGITS && !trivial; d++) trivial = count[d] == n;
      if (trivial) continue;
      for (int d = 1; d <= DIGITS; d++) count[d] += count[d - 1];
      for (int i = 0; i < n; i++) {
        int at = count[(int) ((from[i] >>> shift) & (DIGITS - 1))]++;
        to[at] = from[i];
        if (rows != null) rowsTo[at] = rowsFrom[i];
      }
      long[] swap = from;
      from = to;
      to = swap;
      int[] swapRows = rowsFrom;
      rowsFrom = rowsTo;
      rowsTo = swapRows;
    }
    if (from != bits) {
      System.arraycopy(from, 0, bits, 0, n);
      if (rows != null) System.arraycopy(rowsFrom, 0, rows, 0, n);
    }
    for (int i = 0; i < n; i++) bits[i] = valueBits(bits[i]);
  }

  /**
   * A double's bit pattern as a key whose unsigned order is the doubles' order: a positive value's
   * sign bit set, a negative value's bits all flipped; every NaN as the one NaN, after infinity.
   */
  private static long orderedKey(long bits) {
    if ((bits & Long.MAX_VALUE) > 0x7ff0000000000000L) bits = 0x7ff8000000000000L;
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  /** The bit pattern an {@link #orderedKey} was made from. */
  private static long valueBits(long key) {
    return key < 0 ? key ^ Long.MIN_VALUE : ~key;
  }
}
