package dev.customerlens.score;

import dev.customerlens.data.Features;

/**
 * "Percentile ≥ c" (or "> c", or "= c") for a value computed per customer, turned into a plain
 * threshold on the value. A mid-rank percentile never decreases as the value grows, so once the base's
 * values are sorted the customers at or above a percentile are exactly those at or above one value:
 * a cut needs no percentile per row (a column of them, where one is shown, comes from
 * {@code ValueOrder.sortRanking}).
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
   * {@code ValueOrder.sort}), with the mid-rank percentile of {@code Features.percentile}:
   * 100 × (values below + (values equal − 1) / 2) / all values.
   */
  void resolve(long[] sorted) {
    int n = sorted.length;
    double found = kind == Kind.EQUAL ? Double.NaN : Double.POSITIVE_INFINITY;
    // Missing values sort last and rank below every value, so no cut lands on one.
    for (int below = 0; below < n && !Double.isNaN(Double.longBitsToDouble(sorted[below])); ) {
      double value = Double.longBitsToDouble(sorted[below]);
      int end = below + 1;
      // Equal as doubles compare, as the percentiles rank them: -0.0 and 0.0 are one value.
      while (end < n && Double.longBitsToDouble(sorted[end]) == value) end++;
      double rank = Features.midRank(below, end - below, n);
      boolean hit = switch (kind) {
        case AT_LEAST -> rank >= percentile;
        case ABOVE -> rank > percentile;
        case EQUAL -> rank == percentile;
      };
      if (hit) {
        found = value;
        break;
      }
      below = end;
    }
    threshold = found;
  }
}
