package dev.customerlens.events;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Recency, frequency and monetary value from the purchases up to an analysis date, for every
 * customer with at least one purchase by then (recency means nothing for the others).
 *
 * <p>Scores come from the mid-rank percentile p of each value among those customers (ties share a
 * rank, so equal values always get equal scores): score = 1 + ⌊5p⌋, capped at 5, with recency
 * ranked in reverse. Sorting and cutting into five equal groups would split ties arbitrarily.
 */
final class Rfm {
  private Rfm() {}

  static List<RfmScore> of(Table events, LocalDate asOf) {
    StringColumn ids = events.stringColumn(EventLog.CUSTOMER_ID);
    var times = events.dateTimeColumn(EventLog.TIMESTAMP);
    StringColumn types = events.stringColumn(EventLog.EVENT);
    DoubleColumn amounts = events.doubleColumn(EventLog.AMOUNT);
    Map<String, double[]> byCustomer = new LinkedHashMap<>(); // last purchase epoch day, count, spend
    for (int i = 0; i < events.rowCount(); i++) {
      if (!types.get(i).equals(EventType.PURCHASE.label())) continue;
      LocalDate day = times.get(i).toLocalDate();
      if (day.isAfter(asOf)) continue;
      double[] acc = byCustomer.computeIfAbsent(ids.get(i), id -> new double[] {Double.NEGATIVE_INFINITY, 0, 0});
      acc[0] = Math.max(acc[0], day.toEpochDay());
      acc[1]++;
      acc[2] += amounts.isMissing(i) ? 0 : amounts.getDouble(i);
    }
    int n = byCustomer.size();
    double[] recency = new double[n];
    double[] frequency = new double[n];
    double[] monetary = new double[n];
    int k = 0;
    for (double[] acc : byCustomer.values()) {
      recency[k] = asOf.toEpochDay() - acc[0];
      frequency[k] = acc[1];
      monetary[k] = acc[2];
      k++;
    }
    int[] r = quintiles(recency, false);
    int[] f = quintiles(frequency, true);
    int[] m = quintiles(monetary, true);
    List<RfmScore> out = new ArrayList<>(n);
    k = 0;
    for (String id : byCustomer.keySet()) {
      out.add(new RfmScore(id, (int) recency[k], (int) frequency[k], Math.round(monetary[k] * 100) / 100.0, r[k], f[k], m[k]));
      k++;
    }
    return out;
  }

  static Table table(List<RfmScore> scores, LocalDate asOf) {
    return Table.create("rfm_" + asOf,
        StringColumn.create("customer_id", scores.stream().map(RfmScore::customerId)),
        IntColumn.create("recency_days", scores.stream().mapToInt(RfmScore::recencyDays).toArray()),
        IntColumn.create("frequency", scores.stream().mapToInt(RfmScore::frequency).toArray()),
        DoubleColumn.create("monetary", scores.stream().mapToDouble(RfmScore::monetary).toArray()),
        IntColumn.create("r_score", scores.stream().mapToInt(RfmScore::recencyScore).toArray()),
        IntColumn.create("f_score", scores.stream().mapToInt(RfmScore::frequencyScore).toArray()),
        IntColumn.create("m_score", scores.stream().mapToInt(RfmScore::monetaryScore).toArray()),
        StringColumn.create("rfm_cell", scores.stream().map(RfmScore::cell)),
        IntColumn.create("rfm_total", scores.stream().mapToInt(RfmScore::total).toArray()));
  }

  /** 1 to 5 from the mid-rank percentile; {@code higherIsBetter} false ranks small values highest. */
  static int[] quintiles(double[] values, boolean higherIsBetter) {
    int n = values.length;
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int[] scores = new int[n];
    for (int i = 0; i < n; i++) {
      int below = lowerBound(sorted, values[i]);
      int equal = lowerBound(sorted, Math.nextUp(values[i])) - below;
      double percentile = (below + equal / 2.0) / n;
      if (!higherIsBetter) percentile = 1 - percentile;
      scores[i] = Math.min(5, 1 + (int) Math.floor(5 * percentile));
    }
    return scores;
  }

  private static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
