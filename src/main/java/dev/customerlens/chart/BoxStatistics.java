package dev.customerlens.chart;

import java.util.Arrays;

/**
 * What a Plotly box plot draws of a set of values, computed as plotly.js computes it from the values
 * themselves (its default "linear" quartiles), so a box given these numbers looks exactly like one
 * given the values: the quartiles interpolate the sorted values at position p × n − 0.5; the
 * whiskers end at the most extreme values within 1.5 interquartile ranges of the box.
 */
record BoxStatistics(double q1, double median, double q3, double lowerFence, double upperFence, double mean) {
  /** The statistics of {@code values}, which must not be empty (their order does not matter; the array is sorted). */
  static BoxStatistics of(double[] values) {
    if (values.length == 0) throw new IllegalArgumentException("a box needs at least one value");
    Arrays.sort(values);
    double q1 = quantile(values, 0.25);
    double q3 = quantile(values, 0.75);
    double sum = 0;
    for (double v : values) sum += v;
    double lowest = q1 - 1.5 * (q3 - q1);
    double highest = q3 + 1.5 * (q3 - q1);
    int from = 0;
    while (values[from] < lowest) from++;
    int to = values.length - 1;
    while (values[to] > highest) to--;
    return new BoxStatistics(q1, quantile(values, 0.5), q3, Math.min(q1, values[from]), Math.max(q3, values[to]),
        sum / values.length);
  }

  private static double quantile(double[] sorted, double p) {
    double at = p * sorted.length - 0.5;
    if (at < 0) return sorted[0];
    if (at > sorted.length - 1) return sorted[sorted.length - 1];
    double fraction = at % 1;
    return fraction * sorted[(int) Math.ceil(at)] + (1 - fraction) * sorted[(int) Math.floor(at)];
  }
}
