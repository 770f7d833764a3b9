package dev.customerlens.clv;

import java.util.Arrays;

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting half (Mann-Whitney, with mid-ranks). Null when one class is absent.
 */
public final class Auc {
  private Auc() {}

  public static Double of(double[] score, boolean[] positive) {
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (i, j) -> Double.compare(score[i], score[j]));
    double positiveRanks = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[order[j + 1]] == score[order[i]]) j++;
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          positiveRanks += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) return null;
    return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Mean squared difference between probability and outcome (0 or 1). */
  static double brier(double[] probability, boolean[] outcome) {
    double sum = 0;
    for (int i = 0; i < probability.length; i++) {
      double d = probability[i] - (outcome[i] ? 1 : 0);
      sum += d * d;
    }
    return sum / probability.length;
  }

  /** Mean negative log-likelihood of the outcomes, each probability kept within [1e-6, 1 − 1e-6] so one certainty cannot make it infinite. */
  static double logLoss(double[] probability, boolean[] outcome) {
    double sum = 0;
    for (int i = 0; i < probability.length; i++) {
      double p = Math.min(1 - 1e-6, Math.max(1e-6, probability[i]));
      sum -= outcome[i] ? Math.log(p) : Math.log1p(-p);
    }
    return sum / probability.length;
  }
}
