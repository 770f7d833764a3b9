package dev.customerlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.customerlens.data.Features;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

/**
 * "The value at percentile p" of a column over the whole base, exactly as the local engine finds it
 * ({@code Features.percentile}'s mid-rank: 100 × (rows below + (rows equal − 1) / 2) / rows), without
 * sorting the base. Spark's approximate quantile (Greenwald–Khanna, rank error at most
 * {@link #RELATIVE_ERROR} × rows) only brackets each threshold; the exact threshold is then read off
 * the counts of the distinct values inside the bracket, and the bracket is widened whenever the
 * walk shows that the answer lies outside it. So the approximation costs time, never accuracy.
 */
final class PercentileCuts {
  /** The approximate quantile's rank error, as a share of rows: the brackets hold about 4 × this × rows values. */
  static final double RELATIVE_ERROR = 1e-4;

  enum Kind { AT_LEAST, ABOVE, EQUAL }

  /** "The smallest value whose percentile is at least / above / equal to {@code percentile}." */
  record Cut(String column, double percentile, Kind kind) {}

  private final Map<Cut, Double> thresholds = new LinkedHashMap<>();
  private final double relativeError;

  PercentileCuts(double relativeError) {
    this.relativeError = relativeError;
  }

  /**
   * Each distinct value of {@code column} (doubles, never null) with its {@code Features.midRank}
   * among all rows, as {@code name}. The counts of the distinct values come to the driver: a price
   * list is short even for a billion customers, and a log's spends number one per customer at most.
   */
  static Dataset<Row> midRanks(Dataset<Row> base, String column, String name) {
    TreeMap<Double, Long> counts = new TreeMap<>();
    for (Row row : base.groupBy(column).count().collectAsList()) counts.put(row.getDouble(0), row.getLong(1));
    long rows = counts.values().stream().mapToLong(Long::longValue).sum();
    List<Row> out = new ArrayList<>(counts.size());
    long below = 0;
    for (Map.Entry<Double, Long> value : counts.entrySet()) {
      out.add(RowFactory.create(value.getKey(), Features.midRank(below, value.getValue(), rows)));
      below += value.getValue();
    }
    return base.sparkSession().createDataFrame(out, DataTypes.createStructType(List.of(
        DataTypes.createStructField(column, DataTypes.DoubleType, false),
        DataTypes.createStructField(name, DataTypes.DoubleType, false))));
  }

  /** The resolved threshold: +∞ when no value qualifies (NaN for EQUAL), so that nothing passes. */
  double threshold(Cut cut) {
    Double threshold = thresholds.get(cut);
    if (threshold == null) throw new IllegalStateException("percentile threshold not resolved: " + cut);
    return threshold;
  }

  /** The cuts resolved so far, in the order they were asked for. */
  Set<Cut> resolved() {
    return thresholds.keySet();
  }

  /** Resolves every cut over {@code base}, which should be cached: each round is a few passes over it. */
  void resolve(Dataset<Row> base, List<Cut> cuts) {
    Map<String, List<Cut>> byColumn = new LinkedHashMap<>();
    for (Cut cut : new LinkedHashSet<>(cuts)) {
      if (!thresholds.containsKey(cut)) byColumn.computeIfAbsent(cut.column(), c -> new ArrayList<>()).add(cut);
    }
    byColumn.forEach((column, pending) -> resolveColumn(base, column, pending));
  }

  private void resolveColumn(Dataset<Row> base, String column, List<Cut> pending) {
    Row extent = base.agg(count(col(column)), min(col(column)), max(col(column))).first();
    long rows = extent.getLong(0);
    if (rows == 0) {
      pending.forEach(cut -> thresholds.put(cut, cut.kind() == Kind.EQUAL ? Double.NaN : Double.POSITIVE_INFINITY));
      return;
    }
    double lowest = extent.getDouble(1);
    double highest = extent.getDouble(2);
    double error = relativeError;
    while (!pending.isEmpty()) {
      double[] probabilities = new double[pending.size() * 2];
      for (int i = 0; i < pending.size(); i++) {
        double p = pending.get(i).percentile() / 100;
        probabilities[2 * i] = Math.max(0, p - 2 * error);
        probabilities[2 * i + 1] = Math.min(1, p + 2 * error);
      }
      double[] bounds = error >= 1 ? null : base.stat().approxQuantile(column, probabilities, error);
      List<Bracket> brackets = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        double from = bounds == null ? lowest : bounds[2 * i];
        double to = bounds == null ? highest : bounds[2 * i + 1];
        brackets.add(new Bracket(pending.get(i), from, to));
      }
      List<Cut> unresolved = new ArrayList<>();
      for (Bracket bracket : walk(base, column, rows, brackets, lowest, highest)) {
        if (bracket.answer == null) unresolved.add(bracket.cut);
        else thresholds.put(bracket.cut, bracket.answer);
      }
      pending = unresolved;
      error = error * 16;
    }
  }

  private static final class Bracket {
    final Cut cut;
    final double from;
    final double to;
    Double answer;

    Bracket(Cut cut, double from, double to) {
      this.cut = cut;
      this.from = from;
      this.to = to;
    }
  }

  /**
   * One pass counts the rows below each bracket; a second collects the distinct values inside the
   * brackets with their counts. Walking them upwards gives each value's exact mid-rank percentile.
   */
  private static List<Bracket> walk(Dataset<Row> base, String column, long rows, List<Bracket> brackets,
      double lowest, double highest) {
    Column x = col(column);
    List<Column> below = new ArrayList<>();
    Column inside = lit(false);
    for (Bracket b : brackets) {
      below.add(sum(when(x.lt(lit(b.from)), 1L).otherwise(0L)));
      inside = inside.or(x.between(lit(b.from), lit(b.to)));
    }
    Row counted = base.agg(below.get(0), below.subList(1, below.size()).toArray(Column[]::new)).first();
    TreeMap<Double, Long> values = new TreeMap<>();
    for (Row row : base.filter(inside).groupBy(x).count().collectAsList()) values.put(row.getDouble(0), row.getLong(1));
    for (int i = 0; i < brackets.size(); i++) {
      Bracket b = brackets.get(i);
      long before = counted.isNullAt(i) ? 0 : counted.getLong(i);
      boolean first = true;
      boolean hit = false;
      for (Map.Entry<Double, Long> value : values.subMap(b.from, true, b.to, true).entrySet()) {
        long equal = value.getValue();
        double rank = Features.midRank(before, equal, rows);
        hit = switch (b.cut.kind()) {
          case AT_LEAST, EQUAL -> rank >= b.cut.percentile();
          case ABOVE -> rank > b.cut.percentile();
        };
        if (hit) {
          // Ranks rise with the value. A bracket whose first value already qualifies may have a
          // smaller one that does below it, unless it starts at the lowest value: widen it then.
          if (!first || b.from <= lowest) {
            b.answer = b.cut.kind() != Kind.EQUAL || rank == b.cut.percentile() ? value.getKey() : Double.NaN;
          }
          break;
        }
        first = false;
        before += equal;
      }
      // Nothing up to the highest value qualifies: there is no such value.
      if (!hit && b.to >= highest) b.answer = b.cut.kind() == Kind.EQUAL ? Double.NaN : Double.POSITIVE_INFINITY;
    }
    return brackets;
  }
}
