package dev.customerlens.clv;

import java.util.Arrays;
import java.util.Objects;

/**
 * The spend forecast for the holdout against what was spent: each customer's expected purchase days
 * (from the chosen forecast) times their Gamma-Gamma expected spend per purchase day, times the
 * seasonal index of the holdout where there is one.
 *
 * @param basis how the forecast is made, in a sentence
 * @param predictedTotal forecast spend in the holdout, over all customers
 * @param actualTotal spend there
 * @param errorPercent (predicted − actual) / actual, in percent
 * @param mae mean over customers of |forecast − actual| spend
 * @param spearman rank correlation of forecast and actual spend over customers (ties at mid-rank)
 * @param seasonality the seasonal index used, or why there is none
 */
public record SpendCheck(String basis, double predictedTotal, double actualTotal, double errorPercent, double mae,
    double spearman, String seasonality) {
  public SpendCheck {
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(seasonality, "seasonality");
  }

  static SpendCheck of(String basis, double[] predicted, double[] actual, String seasonality) {
    double p = 0;
    double a = 0;
    double absolute = 0;
    for (int i = 0; i < predicted.length; i++) {
      p += predicted[i];
      a += actual[i];
      absolute += Math.abs(predicted[i] - actual[i]);
    }
    return new SpendCheck(basis, p, a, a == 0 ? Double.NaN : 100 * (p - a) / a, absolute / predicted.length,
        spearman(predicted, actual), seasonality);
  }

  /** Pearson's correlation of the mid-ranks. */
  static double spearman(double[] x, double[] y) {
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    int n = x.length;
    double mx = (n + 1) / 2.0;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (rx[i] - mx) * (ry[i] - mx);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - mx) * (ry[i] - mx);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  private static double[] ranks(double[] v) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
    double[] rank = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && v[order[j + 1]] == v[order[i]]) j++;
      for (int k = i; k <= j; k++) rank[order[k]] = (i + j) / 2.0 + 1;
      i = j + 1;
    }
    return rank;
  }
}
