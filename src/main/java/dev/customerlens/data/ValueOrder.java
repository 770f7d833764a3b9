package dev.customerlens.data;

import java.util.Arrays;

/**
 * Doubles in ascending order as {@link Double#compare} orders them (-0.0 before 0.0, every missing
 * value last), ties in row order, by one least-significant-digit radix sort: each value's bit
 * pattern becomes a key whose unsigned order is the values' order, and six passes over 11-bit
 * digits (fewer when a digit is the same everywhere) replace a comparison sort, moving the rows
 * with their keys where the caller needs them. Percentiles, the engine's cuts and the plan's
 * order by value all sort here.
 */
public final class ValueOrder {
  private static final int DIGIT_BITS = 11;
  private static final int DIGITS = 1 << DIGIT_BITS;
  private static final long NAN = 0x7ff8000000000000L;

  private ValueOrder() {}

  /**
   * Sorts values given as {@link Double#doubleToRawLongBits} patterns ascending, in place; a missing
   * value comes back as {@link Double#NaN}'s pattern. {@code scratch} must be as long as {@code bits}.
   */
  public static void sort(long[] bits, long[] scratch) {
    sort(bits, scratch, null, null);
  }

  /**
   * Sorts as {@link #sort} and returns each value's mid-rank percentile ({@link Features#midRank}),
   * by its place before sorting: each run of equal values (as doubles compare) is ranked once and
   * written to its rows, in linear time. A missing value ranks below every value, none equal to it.
   */
  public static double[] sortRanking(long[] bits) {
    int n = bits.length;
    int[] rows = identity(n);
    sort(bits, new long[n], rows, new int[n]);
    double[] out = new double[n];
    int at = 0;
    while (at < n && !Double.isNaN(Double.longBitsToDouble(bits[at]))) {
      double value = Double.longBitsToDouble(bits[at]);
      int end = at + 1;
      while (end < n && Double.longBitsToDouble(bits[end]) == value) end++;
      double rank = Features.midRank(at, end - at, n);
      for (int k = at; k < end; k++) out[rows[k]] = rank;
      at = end;
    }
    for (; at < n; at++) out[rows[at]] = Features.midRank(0, 0, n);
    return out;
  }

  /** The rows of {@code values} in ascending order of value, ties in row order. */
  public static int[] ascending(double[] values) {
    int n = values.length;
    long[] bits = new long[n];
    for (int i = 0; i < n; i++) bits[i] = Double.doubleToRawLongBits(values[i]);
    int[] rows = identity(n);
    sort(bits, new long[n], rows, new int[n]);
    return rows;
  }

  private static int[] identity(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) rows[i] = i;
    return rows;
  }

  /** Moves {@code rows[i]} with {@code bits[i]} where rows is not null; stable, so ties keep their order. */
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
   * sign bit set, a negative value's bits all flipped; every NaN (x86 arithmetic makes one with the
   * sign bit set) as the one NaN, after infinity.
   */
  private static long orderedKey(long bits) {
    if ((bits & Long.MAX_VALUE) > 0x7ff0000000000000L) bits = NAN;
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  /** The bit pattern an {@link #orderedKey} was made from. */
  private static long valueBits(long key) {
    return key < 0 ? key ^ Long.MIN_VALUE : ~key;
  }
}
